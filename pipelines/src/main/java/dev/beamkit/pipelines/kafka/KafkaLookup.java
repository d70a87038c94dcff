package dev.beamkit.pipelines.kafka;

import dev.beamkit.pipelines.options.Settings;
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
 *
 * <p>Its consumer is made like every other beamkit Kafka client, from the pipeline's {@link
 * KafkaClientSettings} ({@code --bootstrapServers}, {@code --kafkaProperties}: a secured cluster
 * works here too), and its watermark ignores record times more than {@code --maxFutureSkew} ahead,
 * as the main source's does.
 */
public final class KafkaLookup extends PTransform<PBegin, PCollection<KV<String, String>>> {
  private final KafkaClientSettings clients;
  private final Duration maxFutureSkew;
  private final String topic;

  private KafkaLookup(KafkaClientSettings clients, Duration maxFutureSkew, String topic) {
    this.clients = clients;
    this.maxFutureSkew = maxFutureSkew;
    this.topic = topic;
  }

  /** The updates of {@code topic}, read with the Kafka client settings and skew of {@code settings}. */
  public static KafkaLookup of(Settings settings, String topic) {
    return new KafkaLookup(settings.kafkaClients(), settings.maxFutureSkew(), topic);
  }

  @Override
  public PCollection<KV<String, String>> expand(PBegin input) {
    return input
        .apply(
            "ReadKafka",
            KafkaIO.<byte[], byte[]>read()
                .withBootstrapServers(clients.bootstrapServers())
                .withConsumerFactoryFn(clients.consumers())
                .withTopic(topic)
                .withKeyDeserializer(ByteArrayDeserializer.class)
                .withValueDeserializer(NullHeaderValuesAsEmptyDeserializer.class)
                .withConsumerConfigUpdates(Map.of(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"))
                // The records' own timestamps; the watermark matters little to a lookup in the
                // global window, but a quiet topic must not hold it back.
                .withTimestampPolicyFactory(
                    EventTimePolicy.factory(
                        null, Duration.ZERO, Duration.standardSeconds(5), maxFutureSkew)))
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
