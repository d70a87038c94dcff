package dev.beamkit.pipelines.kafka;

import dev.beamkit.transforms.DeadLetter;
import dev.beamkit.transforms.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.io.kafka.KafkaIO;
import org.apache.beam.sdk.io.kafka.ProducerRecordCoder;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PDone;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Writes dead letters to a Kafka topic: the original key and value bytes unchanged, the original
 * record's headers in their order, and then the diagnosis in {@code beamkit.*} headers, so the
 * topic can be inspected with any Kafka client and replayed into the input topic after a fix.
 *
 * <p>An input header may have one of our names (a record that was dead-lettered before and is
 * replayed has them all). It is kept as it was, and ours come after it: Kafka's {@code
 * lastHeader(name)} reads ours, {@code headers(name)} lists the input's first.
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
   * Present when the input's own headers were too big to keep even with the value cut to nothing:
   * how many of them, from the last, were left off.
   */
  public static final String HEADERS_DROPPED = "beamkit.headers.dropped";

  /**
   * The most a dead letter may weigh (key, value and headers): under Kafka's default 1 MiB
   * {@code max.message.bytes} and {@code max.request.size}, with room for the record's framing. A
   * record just under the limit on the input topic would not fit once the diagnosis is added, and
   * a dead letter that cannot be written fails the bundle again and again; its value is cut
   * instead, and {@value #TRUNCATED} says how long it was.
   */
  static final int MAX_LETTER_BYTES = 1_000_000;

  /** Room kept for the {@value #TRUNCATED} and {@value #HEADERS_DROPPED} markers. */
  private static final int MARKER_ROOM = 64;

  /** Kafka frames each header with two var-int lengths of at most 5 bytes each. */
  private static final int HEADER_FRAMING = 10;

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

  /**
   * The letter for {@code d}: the input's headers, then ours. When it would weigh more than
   * {@link #MAX_LETTER_BYTES}, the value is cut first; the input's headers are left off, from the
   * last, only when they alone do not fit — an input record under the broker's limit leaves them
   * room, so that takes a broker configured for bigger records.
   */
  static ProducerRecord<byte[], byte[]> toProducerRecord(String topic, DeadLetter d) {
    RawRecord original = d.original();
    RecordHeaders ours = diagnosis(d);
    List<Header> theirs = inputHeaders(original);
    int fixed = length(original.key()) + headerBytes(ours);
    int kept = theirs.size();
    int keptBytes = headerBytes(theirs);
    while (kept > 0 && fixed + keptBytes + MARKER_ROOM > MAX_LETTER_BYTES) {
      kept--;
      keptBytes -= headerBytes(theirs.get(kept));
    }
    byte[] value = original.value();
    int room = MAX_LETTER_BYTES - fixed - keptBytes;
    if (value != null && value.length > room) {
      ours.add(TRUNCATED, utf8(Integer.toString(value.length)));
      value = Arrays.copyOf(value, Math.max(0, room - MARKER_ROOM));
    }
    if (kept < theirs.size()) {
      ours.add(HEADERS_DROPPED, utf8(Integer.toString(theirs.size() - kept)));
    }
    RecordHeaders headers = new RecordHeaders(theirs.subList(0, kept));
    ours.forEach(headers::add);
    return new ProducerRecord<>(topic, null, null, original.key(), value, headers);
  }

  private static RecordHeaders diagnosis(DeadLetter d) {
    RawRecord original = d.original();
    RecordHeaders ours = new RecordHeaders();
    ours.add(ERROR, utf8(d.errorMessage()));
    ours.add(EXCEPTION, utf8(d.exceptionType()));
    ours.add(STEP, utf8(d.step()));
    if (original.topic() != null) {
      ours.add(TOPIC, utf8(original.topic()));
      ours.add(PARTITION, utf8(Integer.toString(original.partition())));
      ours.add(OFFSET, utf8(Long.toString(original.offset())));
    }
    return ours;
  }

  /**
   * The input record's headers, in order. A null value is written empty: Beam's {@code
   * ProducerRecordCoder} cannot encode a null header value, and a letter that cannot be encoded
   * would fail its bundle again and again.
   *
   * <p>Not mended once in {@link RawRecord} instead: a RawRecord is source-neutral and keeps a
   * null header value as its source gave it (its coder round-trips it), and records reach this
   * sink from any source, not only {@link KafkaSource}. The source's own mending ({@link
   * NullHeaderValuesAsEmptyDeserializer}) is for another coder, Beam's {@code KafkaRecordCoder},
   * which runs before any RawRecord exists.
   */
  private static List<Header> inputHeaders(RawRecord original) {
    List<Header> headers = new ArrayList<>(original.headers().size());
    for (KV<String, byte @Nullable []> h : original.headers()) {
      byte[] value = h.getValue();
      headers.add(new RecordHeader(h.getKey(), value == null ? new byte[0] : value));
    }
    return headers;
  }

  private static int length(byte @Nullable [] bytes) {
    return bytes == null ? 0 : bytes.length;
  }

  private static int headerBytes(Iterable<Header> headers) {
    int bytes = 0;
    for (Header h : headers) {
      bytes += headerBytes(h);
    }
    return bytes;
  }

  /** Name and value bytes, plus the lengths Kafka's record format frames a header with. */
  private static int headerBytes(Header h) {
    return HEADER_FRAMING + utf8(h.key()).length + length(h.value());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
