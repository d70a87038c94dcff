package dev.beamkit.pipelines.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.beamkit.transforms.DeadLetter;
import dev.beamkit.transforms.RawRecord;
import java.nio.charset.StandardCharsets;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

class DeadLetterSinkTest {

  private static String header(ProducerRecord<byte[], byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  @Test
  void keepsOriginalBytesAndPutsTheDiagnosisInHeaders() {
    byte[] key = "Sensor1".getBytes(StandardCharsets.UTF_8);
    byte[] value = {(byte) 0xff, '{'};
    DeadLetter d =
        DeadLetter.of(
            RawRecord.fromLog("raw-temp-data", 2, 41, key, value), "parse", new IllegalArgumentException("bad"));
    ProducerRecord<byte[], byte[]> r = DeadLetterSink.toProducerRecord("dlq", d);
    assertEquals("dlq", r.topic());
    assertArrayEquals(key, r.key());
    assertArrayEquals(value, r.value());
    assertEquals("bad", header(r, DeadLetterSink.ERROR));
    assertEquals("java.lang.IllegalArgumentException", header(r, DeadLetterSink.EXCEPTION));
    assertEquals("parse", header(r, DeadLetterSink.STEP));
    assertEquals("raw-temp-data", header(r, DeadLetterSink.TOPIC));
    assertEquals("2", header(r, DeadLetterSink.PARTITION));
    assertEquals("41", header(r, DeadLetterSink.OFFSET));
  }

  @Test
  void aNullPayloadStaysNullAndSourcelessRecordsHaveNoCoordinateHeaders() {
    DeadLetter d = DeadLetter.of(RawRecord.of(null), "parse", new NullPointerException());
    ProducerRecord<byte[], byte[]> r = DeadLetterSink.toProducerRecord("dlq", d);
    assertNull(r.value());
    assertNull(r.headers().lastHeader(DeadLetterSink.TOPIC));
    assertEquals("NullPointerException", header(r, DeadLetterSink.ERROR));
  }

  @Test
  void aRecordJustUnderTheBrokersLimitIsCutToFitWithItsLengthInAHeader() {
    byte[] value = new byte[1_048_000];
    java.util.Arrays.fill(value, (byte) 'x');
    DeadLetter d =
        DeadLetter.of(
            RawRecord.fromLog("raw-temp-data", 0, 7, null, value), "parse", new IllegalArgumentException("not JSON"));
    ProducerRecord<byte[], byte[]> r = DeadLetterSink.toProducerRecord("dlq", d);
    int headers = 0;
    for (org.apache.kafka.common.header.Header h : r.headers()) {
      headers += h.key().length() + h.value().length;
    }
    assertEquals("1048000", header(r, DeadLetterSink.TRUNCATED));
    assertEquals(true, r.value().length + headers <= DeadLetterSink.MAX_LETTER_BYTES);
    assertArrayEquals(java.util.Arrays.copyOf(value, r.value().length), r.value());
    assertEquals("7", header(r, DeadLetterSink.OFFSET));
  }

  @Test
  void anOrdinaryRecordIsNotCut() {
    DeadLetter d =
        DeadLetter.of(RawRecord.fromLog("t", 0, 1, null, new byte[900_000]), "parse", new IllegalArgumentException("x"));
    ProducerRecord<byte[], byte[]> r = DeadLetterSink.toProducerRecord("dlq", d);
    assertEquals(900_000, r.value().length);
    assertNull(r.headers().lastHeader(DeadLetterSink.TRUNCATED));
  }

  /** The exactly-once path seals each letter whole, because Beam's writer sends no headers. */
  @Test
  void anEnvelopeOpensToTheLetterWithItsHeadersAndCut() {
    DeadLetter d =
        DeadLetter.of(
            RawRecord.fromLog("raw-temp-data", 1, 9, new byte[] {'k'}, new byte[1_048_000]),
            "parse",
            new IllegalArgumentException("not JSON"));
    ProducerRecord<byte[], byte[]> letter = DeadLetterSink.toProducerRecord("dlq", d);
    ProducerRecord<byte[], byte[]> envelope = LetterEnvelopeProducer.envelope(letter);
    assertEquals("dlq", envelope.topic());
    assertNull(envelope.key());
    ProducerRecord<byte[], byte[]> opened = LetterEnvelopeProducer.open(envelope.value());
    assertArrayEquals(letter.key(), opened.key());
    assertArrayEquals(letter.value(), opened.value());
    assertEquals(letter.headers(), opened.headers());
    assertEquals("1048000", header(opened, DeadLetterSink.TRUNCATED));
    assertEquals("9", header(opened, DeadLetterSink.OFFSET));
  }
}
