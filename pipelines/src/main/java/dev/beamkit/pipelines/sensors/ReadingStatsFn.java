package dev.beamkit.pipelines.sensors;

import dev.beamkit.transforms.RawRecord;
import dev.beamkit.transforms.Stats;
import dev.beamkit.transforms.StatsFn;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.values.KV;

/**
 * {@link StatsFn} over readings that still carry the record they were parsed from: the stateful
 * window engine combines these, so that a reading it finds too late can be dead-lettered with
 * its original bytes and coordinates. Only the temperature enters the statistics.
 */
final class ReadingStatsFn extends CombineFn<KV<RawRecord, SensorReading>, StatsFn.Accumulator, Stats> {
  private static final long serialVersionUID = 1L;

  private final StatsFn stats = new StatsFn();

  @Override
  public StatsFn.Accumulator createAccumulator() {
    return stats.createAccumulator();
  }

  @Override
  public StatsFn.Accumulator addInput(
      StatsFn.Accumulator accumulator, KV<RawRecord, SensorReading> reading) {
    return stats.addInput(accumulator, reading.getValue().value());
  }

  @Override
  public StatsFn.Accumulator mergeAccumulators(Iterable<StatsFn.Accumulator> accumulators) {
    return stats.mergeAccumulators(accumulators);
  }

  @Override
  public Stats extractOutput(StatsFn.Accumulator accumulator) {
    return stats.extractOutput(accumulator);
  }

  @Override
  public Coder<StatsFn.Accumulator> getAccumulatorCoder(
      CoderRegistry registry, Coder<KV<RawRecord, SensorReading>> inputCoder) {
    return StatsFn.Accumulator.Coder.of();
  }

  @Override
  public Coder<Stats> getDefaultOutputCoder(
      CoderRegistry registry, Coder<KV<RawRecord, SensorReading>> inputCoder) {
    return Stats.Coder.of();
  }
}
