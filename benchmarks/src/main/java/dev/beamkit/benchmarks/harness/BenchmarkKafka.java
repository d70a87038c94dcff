package dev.beamkit.benchmarks.harness;

import dev.beamkit.benchmarks.KafkaTopics;
import dev.beamkit.benchmarks.Workload;
import dev.beamkit.localstack.LocalStack;
import java.util.Map;

/**
 * The Kafka side of one benchmark: a broker (the project's local one, started here, or one given
 * by address), the input topic preloaded once with the workload, and a fresh output topic per run.
 */
public final class BenchmarkKafka implements AutoCloseable {
  private final LocalStack ownStack;
  private final String bootstrapServers;
  private final String inputTopic;
  private final int partitions;
  private final Preloader.Throughput preload;

  private BenchmarkKafka(
      LocalStack ownStack, String bootstrapServers, String inputTopic, int partitions, Preloader.Throughput preload) {
    this.ownStack = ownStack;
    this.bootstrapServers = bootstrapServers;
    this.inputTopic = inputTopic;
    this.partitions = partitions;
    this.preload = preload;
  }

  /**
   * Starts a local broker unless {@code bootstrapServers} names one, then creates {@code
   * inputTopic} with {@code partitions} partitions and writes {@code workload} into it.
   */
  public static BenchmarkKafka open(String bootstrapServers, String inputTopic, int partitions, Workload workload)
      throws Exception {
    LocalStack stack = bootstrapServers == null ? LocalStack.start() : null;
    String broker = stack != null ? stack.bootstrapServers() : bootstrapServers;
    try {
      TopicCreator.create(broker, inputTopic, partitions, Map.of());
      return new BenchmarkKafka(stack, broker, inputTopic, partitions, Preloader.preload(broker, inputTopic, workload));
    } catch (Exception | Error e) {
      if (stack != null) {
        stack.close();
      }
      throw e;
    }
  }

  /** How the preload went. */
  public Preloader.Throughput preload() {
    return preload;
  }

  /** The input topic. */
  public String inputTopic() {
    return inputTopic;
  }

  /**
   * The topics of run {@code runId}, its output and dead-letter topics created empty: brokers
   * that create a topic on first write are rare in production, and the local one does not.
   */
  public KafkaTopics topicsFor(String runId) throws Exception {
    KafkaTopics topics = new KafkaTopics(bootstrapServers, inputTopic, partitions, "agg-temperature-" + runId);
    OutputTopic.create(bootstrapServers, topics.outputTopic(), partitions);
    TopicCreator.create(bootstrapServers, topics.deadLetterTopic(), 1, Map.of());
    return topics;
  }

  /** Stops the broker if this started it. */
  @Override
  public void close() {
    if (ownStack != null) {
      ownStack.close();
    }
  }
}
