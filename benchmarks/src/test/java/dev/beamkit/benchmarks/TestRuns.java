package dev.beamkit.benchmarks;

import dev.beamkit.benchmarks.harness.BenchmarkKafka;
import dev.beamkit.localstack.LocalStack;
import java.time.Duration;
import java.util.UUID;

/**
 * Run contexts for the implementation tests: one small workload, and for kafka mode one input
 * topic on the JVM-wide local broker, preloaded once and read by every test.
 */
final class TestRuns {
  static final Workload WORKLOAD = Workload.of(2_000);
  private static final int PARTITIONS = 2;
  private static final int PARALLELISM = 2;
  private static final Duration TIMEOUT = Duration.ofMinutes(2);

  private static BenchmarkKafka kafka;

  private TestRuns() {}

  static RunContext memory(String impl) {
    return new RunContext(runId(impl), WORKLOAD, Mode.MEMORY, PARALLELISM, null, expectedWindows(), TIMEOUT);
  }

  /** A kafka-mode context with its own fresh output topic. */
  static RunContext kafka(String impl) throws Exception {
    String runId = runId(impl);
    return new RunContext(runId, WORKLOAD, Mode.KAFKA, PARALLELISM, kafka().topicsFor(runId), expectedWindows(), TIMEOUT);
  }

  private static synchronized BenchmarkKafka kafka() throws Exception {
    if (kafka == null) {
      // The shared broker outlives the tests; this object only remembers the preloaded topic.
      kafka =
          BenchmarkKafka.open(
              LocalStack.shared().bootstrapServers(), "raw-temp-data-" + UUID.randomUUID(), PARTITIONS, WORKLOAD);
    }
    return kafka;
  }

  private static long expectedWindows() {
    return Recompute.windows(WORKLOAD).items();
  }

  private static String runId(String impl) {
    return impl + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
