package dev.beamkit.benchmarks;

import dev.beamkit.benchmarks.beam.BeamRunner;
import dev.beamkit.benchmarks.beam.BeamkitSensorDownsample;
import dev.beamkit.benchmarks.flink.FlinkNative;
import dev.beamkit.benchmarks.kstreams.KafkaStreamsNative;
import dev.beamkit.benchmarks.readlimit.ReadLimit;
import java.util.List;
import java.util.stream.Collectors;

/** Every implementation the harness knows, in the order it runs them. Add new ones here. */
public final class Implementations {
  private Implementations() {}

  /** All implementations, read limit first so its ceiling heads the report. */
  public static List<Implementation> all() {
    return List.of(
        new ReadLimit(),
        new FlinkNative(),
        new KafkaStreamsNative(),
        new BeamkitSensorDownsample(BeamRunner.DIRECT),
        new BeamkitSensorDownsample(BeamRunner.DIRECT, "stateful"),
        new BeamkitSensorDownsample(BeamRunner.FLINK),
        new BeamkitSensorDownsample(BeamRunner.FLINK, "stateful"),
        new BeamkitSensorDownsample(BeamRunner.SPARK));
  }

  /**
   * The implementation called {@code name}.
   *
   * @throws IllegalArgumentException naming the known ones if there is none
   */
  public static Implementation byName(String name) {
    return all().stream()
        .filter(i -> i.name().equals(name))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("unknown implementation " + name + "; known: " + names()));
  }

  /** The names of all implementations, comma-separated. */
  public static String names() {
    return all().stream().map(Implementation::name).collect(Collectors.joining(","));
  }
}
