package dev.beamkit.benchmarks;

import java.time.Duration;
import java.util.Objects;

/**
 * Everything one implementation needs for one run.
 *
 * @param runId unique among runs against the same broker; use it for consumer groups and
 *     application ids so runs never share offsets
 * @param kafka the topics, in {@link Mode#KAFKA} only (null otherwise)
 * @param expectedWindows how many window results the reference computed; lets an engine that never
 *     finishes on its own (Kafka Streams, an unbounded Beam read) know when its output is complete
 * @param timeout how long the run may take before it is abandoned
 */
public record RunContext(
    String runId,
    Workload workload,
    Mode mode,
    int parallelism,
    KafkaTopics kafka,
    long expectedWindows,
    Duration timeout) {

  public RunContext {
    Objects.requireNonNull(runId);
    Objects.requireNonNull(workload);
    Objects.requireNonNull(mode);
    Objects.requireNonNull(timeout);
    if ((mode == Mode.KAFKA) != (kafka != null)) {
      throw new IllegalArgumentException("topics are given exactly in kafka mode");
    }
  }

  /** The topics; only in {@link Mode#KAFKA}. */
  public KafkaTopics requireKafka() {
    if (kafka == null) {
      throw new IllegalStateException("not a kafka-mode run");
    }
    return kafka;
  }
}
