package dev.beamkit.pipelines.kafka;

import dev.beamkit.transforms.DeadLetter;
import dev.beamkit.transforms.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.io.kafka.ProducerRecordCoder;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Writes dead letters to a Kafka topic: the original key and value bytes unchanged, and the
 * diagnosis in headers, so the topic can be inspected with any Kafka client and replayed into
 * the input topic after a fix.
 */
public final class DeadLetterSink extends PTransform<PCollection<DeadLetter>, PDone> {
  /** Header names; values are UTF-8 strings. */
  public static final String ERROR = "beamkit.error";

  public static final String EXCEPTION = "beamkit.exception";
  public static final String STEP = "beamkit.step";
  public static final String TOPIC = "beamkit.source.topic";
  public static final String PARTITION = "beamkit.source.partition";
  public static final String OFFSET = "beamkit.source.offset";
  /** Present when the value was cut to fit: the original value's length in bytes. */
  public static final String TRUNCATED = "beamkit.truncated";

  /**
   * The most a dead letter may weigh (key, value and headers): under Kafka's default 1 MiB
   * {@code max.message.bytes} and {@code max.request.size}, with room for the record's framing. A
   * record just under the limit on the input topic would not fit once the diagnosis is added, and
   * a dead letter that cannot be written fails the bundle again and again; its value is cut
   * instead, and {@value #TRUNCATED} says how long it was.
   */
  static final int MAX_LETTER_BYTES = 1_000_000;

  private final KafkaClientSettings clients;
  private final String topic;
  private final @Nullable String exactlyOnceGroup;

  private DeadLetterSink(KafkaClientSettings clients, String topic, @Nullable String exactlyOnceGroup) {
    this.clients = clients;
    this.topic = topic;
    this.exactlyOnceGroup = exactlyOnceGroup;
  }

  public static DeadLetterSink to(KafkaClientSettings clients, String topic) {
    return new DeadLetterSink(clients, topic, null);
  }

  /**
   * Writes through KafkaIO's exactly-once sink, its progress kept in Kafka under {@code group}
   * (see {@link KafkaSink#withExactlyOnce}); letters keep their headers and their truncation.
   */
  public DeadLetterSink withExactlyOnce(String group) {
    return new DeadLetterSink(clients, topic, group);
  }

  @Override
  public PDone expand(PCollection<DeadLetter> input) {
    NullableCoder<byte[]> bytes = NullableCoder.of(ByteArrayCoder.of());
    PCollection<ProducerRecord<byte[], byte[]>> letters =
        input
            .apply(
                "ToProducerRecord",
                MapElements.into(new TypeDescriptor<ProducerRecord<byte[], byte[]>>() {})
                    .via(d -> toProducerRecord(topic, d)))
            .setCoder(ProducerRecordCoder.of(bytes, bytes));
    KafkaIO.WriteRecords<byte[], byte[]> write =
        KafkaIO.<byte[], byte[]>writeRecords()
            .withBootstrapServers(clients.bootstrapServers())
            .withTopic(topic)
            .withKeySerializer(ByteArraySerializer.class)
            .withValueSerializer(ByteArraySerializer.class);
    if (exactlyOnceGroup == null) {
      return letters.apply("WriteDeadLetters", write.withProducerFactoryFn(clients.producers()));
    }
    KafkaClientSettings settings = clients;
    return letters
        .apply(
            "SealInEnvelope",
            MapElements.into(new TypeDescriptor<ProducerRecord<byte[], byte[]>>() {})
                .via(LetterEnvelopeProducer::envelope))
        .setCoder(ProducerRecordCoder.of(bytes, bytes))
        .apply(
            "WriteDeadLettersExactlyOnce",
            write
                .withProducerFactoryFn(config -> new LetterEnvelopeProducer(settings.complete(config)))
                .withConsumerFactoryFn(settings.consumers())
                .withEOS(KafkaSink.EXACTLY_ONCE_SHARDS, exactlyOnceGroup));
  }

  static ProducerRecord<byte[], byte[]> toProducerRecord(String topic, DeadLetter d) {
    RawRecord original = d.original();
    RecordHeaders headers = new RecordHeaders();
    headers.add(ERROR, utf8(d.errorMessage()));
    headers.add(EXCEPTION, utf8(d.exceptionType()));
    headers.add(STEP, utf8(d.step()));
    if (original.topic() != null) {
      headers.add(TOPIC, utf8(original.topic()));
      headers.add(PARTITION, utf8(Integer.toString(original.partition())));
      headers.add(OFFSET, utf8(Long.toString(original.offset())));
    }
    byte[] value = original.value();
    int room = MAX_LETTER_BYTES - length(original.key()) - headerBytes(headers);
    if (value != null && value.length > room) {
      headers.add(TRUNCATED, utf8(Integer.toString(value.length)));
      value = Arrays.copyOf(value, Math.max(0, room - 64));
    }
    return new ProducerRecord<>(topic, null, null, original.key(), value, headers);
  }

  private static int length(byte @Nullable [] bytes) {
    return bytes == null ? 0 : bytes.length;
  }

  private static int headerBytes(RecordHeaders headers) {
    int bytes = 0;
    for (Header h : headers) {
      bytes += h.key().length() + length(h.value());
    }
    return bytes;
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
