package dev.beamkit.conformance;

import dev.beamkit.localstack.KafkaBroker;

/**
 * Fresh topics for a sensor-downsample fault test: the input with 3 partitions (one per live
 * sensor), the output and the dead-letter topic with one each.
 */
record SensorTopics(String in, String out, String deadLetters) {
  /** Creates the three topics on {@code kafka}. */
  static SensorTopics create(KafkaBroker kafka) {
    String in = Topics.unique("raw-temp-data");
    SensorTopics topics = new SensorTopics(in, Topics.unique("agg-temperature"), in + "-dead-letters");
    kafka.createTopic(topics.in(), 3);
    kafka.createTopic(topics.out(), 1);
    kafka.createTopic(topics.deadLetters(), 1);
    return topics;
  }
}
