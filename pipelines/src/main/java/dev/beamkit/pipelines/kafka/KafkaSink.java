package dev.beamkit.pipelines.kafka;

import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.kafka.common.serialization.StringSerializer;
import org.checkerframework.checker.nullness.qual.Nullable;

/** Writes string key/value pairs (results as JSON) to a Kafka topic. */
public final class KafkaSink extends PTransform<PCollection<KV<String, String>>, PDone> {
  /**
   * Writers of an exactly-once sink, each a transactional producer whose progress is kept in
   * partition {@code shard} of the sink's group: 1, which every topic has (Kafka refuses progress
   * for a partition the topic lacks), and plenty for per-window results and dead letters.
   */
  static final int EXACTLY_ONCE_SHARDS = 1;

  private final KafkaClientSettings clients;
  private final String topic;
  private final @Nullable String exactlyOnceGroup;

  private KafkaSink(KafkaClientSettings clients, String topic, @Nullable String exactlyOnceGroup) {
    this.clients = clients;
    this.topic = topic;
    this.exactlyOnceGroup = exactlyOnceGroup;
  }

  public static KafkaSink to(KafkaClientSettings clients, String topic) {
    return new KafkaSink(clients, topic, null);
  }

  /**
   * Writes through KafkaIO's exactly-once sink: records are committed in Kafka transactions once
   * the runner has checkpointed them, and the sink's progress is kept in Kafka under {@code
   * group}, so a job restarted from its checkpoint writes none of them twice (for consumers that
   * read with {@code isolation.level=read_committed}). The group must be new to a fresh job: the
   * sink refuses progress it did not write itself.
   */
  public KafkaSink withExactlyOnce(String group) {
    return new KafkaSink(clients, topic, group);
  }

  @Override
  public PDone expand(PCollection<KV<String, String>> input) {
    KafkaIO.Write<String, String> write =
        KafkaIO.<String, String>write()
            .withBootstrapServers(clients.bootstrapServers())
            .withProducerFactoryFn(clients.producers())
            .withTopic(topic)
            .withKeySerializer(StringSerializer.class)
            .withValueSerializer(StringSerializer.class);
    if (exactlyOnceGroup != null) {
      KafkaClientSettings settings = clients;
      write =
          write
              .withProducerFactoryFn(
                  config -> new CancelSafeTransactionalProducer<String, String>(settings.complete(config)))
              .withConsumerFactoryFn(clients.consumers())
              .withEOS(EXACTLY_ONCE_SHARDS, exactlyOnceGroup);
    }
    return input.apply("WriteKafka", write);
  }
}
