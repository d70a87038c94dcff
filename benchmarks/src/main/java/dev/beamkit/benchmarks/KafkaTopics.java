package dev.beamkit.benchmarks;

/**
 * The Kafka side of a run: the broker, the preloaded input topic (key = sensor id, value = JSON
 * reading, record timestamp = event time) and the empty topic this run writes its results to.
 */
public record KafkaTopics(String bootstrapServers, String inputTopic, int partitions, String outputTopic) {
  /** Where beamkit's runs send the records they cannot use; created with the output topic. */
  public String deadLetterTopic() {
    return outputTopic + "-dead-letters";
  }
}
