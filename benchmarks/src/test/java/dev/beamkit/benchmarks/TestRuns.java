package dev.beamkit.benchmarks;

import dev.beamkit.benchmarks.harness.OutputTopic;
import dev.beamkit.benchmarks.harness.Preloader;
import dev.beamkit.benchmarks.harness.Topics;
import dev.beamkit.localstack.LocalStack;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

/**
 * Run contexts for the implementation tests: one small workload, and for kafka mode one input
 * topic on the JVM-wide local broker, preloaded once and read by every test.
 */
final class TestRuns {
  static final Workload WORKLOAD = Workload.of(20_000);
  static final int PARTITIONS = 2;
  static final int PARALLELISM = 2;

  private static String inputTopic;

  private TestRuns() {}

  static RunContext memory(String impl) {
    return new RunContext(runId(impl), WORKLOAD, Mode.MEMORY, PARALLELISM, null, expectedWindows(), Duration.ofMinutes(2));
  }

  /** A kafka-mode context with its own fresh output topic. */
  static RunContext kafka(String impl) throws Exception {
    String runId = runId(impl);
    String broker = LocalStack.shared().bootstrapServers();
    KafkaTopics topics = new KafkaTopics(broker, preloadedInput(broker), PARTITIONS, "out-" + runId);
    OutputTopic.create(broker, topics.outputTopic(), PARTITIONS);
    return new RunContext(runId, WORKLOAD, Mode.KAFKA, PARALLELISM, topics, expectedWindows(), Duration.ofMinutes(2));
  }

  private static synchronized String preloadedInput(String broker) throws Exception {
    if (inputTopic == null) {
      String topic = "raw-temp-data-" + UUID.randomUUID();
      Topics.create(broker, topic, PARTITIONS, Map.of());
      Preloader.preload(broker, topic, WORKLOAD);
      inputTopic = topic;
    }
    return inputTopic;
  }

  private static long expectedWindows() {
    return Recompute.windows(WORKLOAD).items();
  }

  private static String runId(String impl) {
    return impl + "-" + UUID.randomUUID().toString().substring(0, 8);
  }
}
