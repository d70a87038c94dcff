package dev.beamkit.pipelines.kafka;

import dev.beamkit.transforms.DeadLetter;
import dev.beamkit.transforms.RawRecord;
import java.nio.charset.StandardCharsets;
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
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArraySerializer;

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

  private final KafkaClientSettings clients;
  private final String topic;

  private DeadLetterSink(KafkaClientSettings clients, String topic) {
    this.clients = clients;
    this.topic = topic;
  }

  public static DeadLetterSink to(KafkaClientSettings clients, String topic) {
    return new DeadLetterSink(clients, topic);
  }

  @Override
  public PDone expand(PCollection<DeadLetter> input) {
    NullableCoder<byte[]> bytes = NullableCoder.of(ByteArrayCoder.of());
    return input
        .apply(
            "ToProducerRecord",
            MapElements.into(new TypeDescriptor<ProducerRecord<byte[], byte[]>>() {})
                .via(d -> toProducerRecord(topic, d)))
        .setCoder(ProducerRecordCoder.of(bytes, bytes))
        .apply(
            "WriteDeadLetters",
            KafkaIO.<byte[], byte[]>writeRecords()
                .withBootstrapServers(clients.bootstrapServers())
                .withProducerFactoryFn(clients.producers())
                .withTopic(topic)
                .withKeySerializer(ByteArraySerializer.class)
                .withValueSerializer(ByteArraySerializer.class));
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
    return new ProducerRecord<>(topic, null, null, original.key(), original.value(), headers);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
