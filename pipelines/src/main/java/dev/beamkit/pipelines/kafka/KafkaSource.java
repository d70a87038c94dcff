package dev.beamkit.pipelines.kafka;

import dev.beamkit.pipelines.options.Settings;
import dev.beamkit.transforms.time.EventTimeExtractor;
import dev.beamkit.transforms.RawRecord;
import java.util.Map;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollection;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads a Kafka topic as {@link RawRecord}s: raw key and value bytes with topic, partition and
 * offset, so every later failure can name its source. Deserialization is left to the parse step,
 * which never throws; a deserializer here would fail the whole read on one bad record.
 *
 * <p>Records are timestamped by {@link EventTimePolicy}: with the event time in the payload, or,
 * for plain text, with the record's Kafka timestamp; either way idle partitions do not stall
 * the watermark.
 */
public final class KafkaSource extends PTransform<PBegin, PCollection<RawRecord>> {
  private final Settings settings;
  private final @Nullable EventTimeExtractor eventTime;

  private KafkaSource(Settings settings, @Nullable EventTimeExtractor eventTime) {
    this.settings = settings;
    this.eventTime = eventTime;
  }

  /** Records timestamped with the event time read by {@code eventTime}. */
  public static KafkaSource withEventTime(Settings settings, EventTimeExtractor eventTime) {
    return new KafkaSource(settings, eventTime);
  }

  /** Records timestamped with the time Kafka stored with them (create or log-append time). */
  public static KafkaSource withRecordTime(Settings settings) {
    return new KafkaSource(settings, null);
  }

  @Override
  public PCollection<RawRecord> expand(PBegin input) {
    KafkaIO.Read<byte[], byte[]> read =
        KafkaIO.<byte[], byte[]>read()
            .withBootstrapServers(settings.kafkaClients().bootstrapServers())
            .withConsumerFactoryFn(settings.kafkaClients().consumers())
            .withTopic(settings.inputTopic())
            .withKeyDeserializer(ByteArrayDeserializer.class)
            .withValueDeserializer(NullHeaderValuesAsEmptyDeserializer.class)
            .withConsumerConfigUpdates(
                Map.of(
                    ConsumerConfig.GROUP_ID_CONFIG, settings.consumerGroup(),
                    ConsumerConfig.AUTO_OFFSET_RESET_CONFIG,
                        settings.startFromEarliest() ? "earliest" : "latest"));
    return input
        .apply(
            "ReadKafka",
            read.withTimestampPolicyFactory(
                EventTimePolicy.factory(
                    eventTime,
                    settings.maxOutOfOrderness(),
                    settings.idleTimeout(),
                    settings.maxFutureSkew())))
        .apply("ToRawRecord", ParDo.of(new ToRawRecordFn()));
  }
}
