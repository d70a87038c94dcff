package dev.beamkit.benchmarks;

import dev.beamkit.pipelines.replay.ReplayRecord;
import dev.beamkit.pipelines.replay.SyntheticData;
import java.io.Serializable;
import java.time.Instant;
import java.util.Iterator;

/**
 * The benchmark input: {@code events} synthetic sensor readings from {@link SyntheticData} with a
 * fixed seed and start time. Anything holding a workload can regenerate exactly the same records,
 * which is how in-memory sources, the preloaded topic and the reference answer agree.
 */
public record Workload(long events, long seed, Instant start) implements Serializable {
  /** Seed used unless told otherwise. */
  public static final long DEFAULT_SEED = 20240301L;

  /** Event time of the first reading unless told otherwise. */
  public static final Instant DEFAULT_START = Instant.parse("2024-03-01T12:00:00Z");

  /** {@code events} readings with the default seed and start. */
  public static Workload of(long events) {
    return new Workload(events, DEFAULT_SEED, DEFAULT_START);
  }

  /** A fresh iterator over the records, key = sensor id, value = JSON, timestamp = event time. */
  public Iterator<ReplayRecord> records() {
    return SyntheticData.generate(SyntheticData.Kind.SENSORS, events, seed, start);
  }
}
