package dev.beamkit.pipelines.kafka;

import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes string key/value pairs (results as JSON) to a Kafka topic. */
public final class KafkaSink extends PTransform<PCollection<KV<String, String>>, PDone> {
  private final String bootstrapServers;
  private final String topic;

  private KafkaSink(String bootstrapServers, String topic) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
  }

  public static KafkaSink to(String bootstrapServers, String topic) {
    return new KafkaSink(bootstrapServers, topic);
  }

  @Override
  public PDone expand(PCollection<KV<String, String>> input) {
    return input.apply(
        "WriteKafka",
        KafkaIO.<String, String>write()
            .withBootstrapServers(bootstrapServers)
            .withTopic(topic)
            .withKeySerializer(StringSerializer.class)
            .withValueSerializer(StringSerializer.class));
  }
}
