package dev.beamkit.benchmarks.flink;

import org.apache.flink.api.common.functions.AggregateFunction;

/** Incremental count/min/max/sum per window: Flink keeps one accumulator per key and window. */
final class StatsAggregate implements AggregateFunction<Reading, StatsAccumulator, StatsAccumulator> {
  private static final long serialVersionUID = 1L;

  @Override
  public StatsAccumulator createAccumulator() {
    return new StatsAccumulator();
  }

  @Override
  public StatsAccumulator add(Reading reading, StatsAccumulator acc) {
    acc.count++;
    acc.min = Math.min(acc.min, reading.value());
    acc.max = Math.max(acc.max, reading.value());
    acc.sum += reading.value();
    return acc;
  }

  @Override
  public StatsAccumulator getResult(StatsAccumulator acc) {
    return acc;
  }

  @Override
  public StatsAccumulator merge(StatsAccumulator a, StatsAccumulator b) {
    a.count += b.count;
    a.min = Math.min(a.min, b.min);
    a.max = Math.max(a.max, b.max);
    a.sum += b.sum;
    return a;
  }
}
