package dev.beamkit.pipelines.kafka;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.joda.time.Duration;

/**
 * Reads a compacted Kafka topic as the key → value updates of a lookup for {@code
 * dev.beamkit.transforms.Enrich}: the whole topic from its start at every pipeline start (no
 * consumer group, no committed offsets: a lookup must hold every key, not only those written
 * since the last run), then every new record as it comes. Keys and values are UTF-8 text; each
 * update carries its record's Kafka timestamp, so the latest write of a key wins. Records with
 * no key, and tombstones (no value), are skipped: a key once known keeps its last value.
 */
public final class KafkaLookup extends PTransform<PBegin, PCollection<KV<String, String>>> {
  private final String bootstrapServers;
  private final String topic;

  private KafkaLookup(String bootstrapServers, String topic) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
  }

  /** The updates of {@code topic} on the brokers {@code bootstrapServers}. */
  public static KafkaLookup of(String bootstrapServers, String topic) {
    return new KafkaLookup(bootstrapServers, topic);
  }

  @Override
  public PCollection<KV<String, String>> expand(PBegin input) {
    return input
        .apply(
            "ReadKafka",
            KafkaIO.<byte[], byte[]>read()
                .withBootstrapServers(bootstrapServers)
                .withTopic(topic)
                .withKeyDeserializer(ByteArrayDeserializer.class)
                .withValueDeserializer(ByteArrayDeserializer.class)
                .withConsumerConfigUpdates(Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))
                // The records' own timestamps; the watermark matters little to a lookup in the
                // global window, but a quiet topic must not hold it back.
                .withTimestampPolicyFactory(
                    EventTimePolicy.factory(
                        null, Duration.ZERO, Duration.standardSeconds(5), Duration.standardHours(1))))
        .apply("KeyedAndValued", Filter.by(r -> r.getKV().getKey() != null && r.getKV().getValue() != null))
        .apply(
            "AsText",
            MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                .via((KafkaRecord<byte[], byte[]> r) -> KV.of(text(r.getKV().getKey()), text(r.getKV().getValue()))));
  }

  private static String text(byte[] bytes) {
    return new String(bytes, StandardCharsets.UTF_8);
  }
}
