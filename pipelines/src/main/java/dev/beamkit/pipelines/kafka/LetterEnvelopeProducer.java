package dev.beamkit.pipelines.kafka;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.concurrent.Future;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.io.kafka.ProducerRecordCoder;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;

/**
 * The producer of the exactly-once dead-letter sink, which sends each letter with its headers.
 * Beam 2.62's exactly-once writer sends a record as {@code new ProducerRecord(topic, null,
 * timestamp, key, value)}: the headers, a dead letter's whole diagnosis, would be dropped. So the
 * sink is given each letter sealed in the value of an {@link #envelope}, and this producer opens
 * it and sends the letter as it was, headers and all, inside the writer's transaction.
 */
final class LetterEnvelopeProducer extends CancelSafeTransactionalProducer<byte[], byte[]> {
  private static final Coder<ProducerRecord<byte[], byte[]>> LETTER =
      ProducerRecordCoder.of(NullableCoder.of(ByteArrayCoder.of()), NullableCoder.of(ByteArrayCoder.of()));

  LetterEnvelopeProducer(Map<String, Object> config) {
    super(config);
  }

  /** {@code letter} sealed in the value of a record for the same topic. */
  static ProducerRecord<byte[], byte[]> envelope(ProducerRecord<byte[], byte[]> letter) {
    try {
      return new ProducerRecord<>(letter.topic(), CoderUtils.encodeToByteArray(LETTER, letter));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The letter an {@link #envelope} holds. */
  static ProducerRecord<byte[], byte[]> open(byte[] envelope) {
    try {
      return CoderUtils.decodeFromByteArray(LETTER, envelope);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public Future<RecordMetadata> send(ProducerRecord<byte[], byte[]> envelope, Callback callback) {
    ProducerRecord<byte[], byte[]> letter = open(envelope.value());
    return super.send(
        new ProducerRecord<>(
            envelope.topic(), null, letter.timestamp(), letter.key(), letter.value(), letter.headers()),
        callback);
  }
}
