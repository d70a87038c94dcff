package dev.beamkit.pipelines.kafka;

import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.kafka.common.serialization.StringSerializer;

/** Writes string key/value pairs (results as JSON) to a Kafka topic. */
public final class KafkaSink extends PTransform<PCollection<KV<String, String>>, PDone> {
  private final KafkaClientSettings clients;
  private final String topic;

  private KafkaSink(KafkaClientSettings clients, String topic) {
    this.clients = clients;
    this.topic = topic;
  }

  public static KafkaSink to(KafkaClientSettings clients, String topic) {
    return new KafkaSink(clients, topic);
  }

  @Override
  public PDone expand(PCollection<KV<String, String>> input) {
    return input.apply(
        "WriteKafka",
        KafkaIO.<String, String>write()
            .withBootstrapServers(clients.bootstrapServers())
            .withProducerFactoryFn(clients.producers())
            .withTopic(topic)
            .withKeySerializer(StringSerializer.class)
            .withValueSerializer(StringSerializer.class));
  }
}
