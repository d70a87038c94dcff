package dev.beamkit.pipelines.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamkit.transforms.DeadLetter;
import dev.beamkit.transforms.RawRecord;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.io.kafka.ProducerRecordCoder;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.junit.jupiter.api.Test;

class DeadLetterSinkTest {
  /** An input record's own headers, one named like ours. */
  private static final List<KV<String, byte[]>> INPUT_HEADERS =
      List.of(
          KV.of("trace-id", "abc".getBytes(StandardCharsets.UTF_8)),
          KV.of(DeadLetterSink.STEP, "the user's own".getBytes(StandardCharsets.UTF_8)));

  private static String header(ProducerRecord<byte[], byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }

  private static List<String> names(ProducerRecord<byte[], byte[]> r) {
    List<String> names = new ArrayList<>();
    r.headers().forEach(h -> names.add(h.key()));
    return names;
  }

  private static int weight(ProducerRecord<byte[], byte[]> r) {
    int bytes = (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
    for (Header h : r.headers()) {
      bytes += 10 + h.key().length() + h.value().length; // Kafka frames a header with two var-ints
    }
    return bytes;
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
            RawRecord.fromLog("raw-temp-data", 1, 9, new byte[] {'k'}, new byte[1_048_000])
                .withHeaders(INPUT_HEADERS),
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
    assertEquals("abc", header(opened, "trace-id"));
    assertEquals(names(letter), names(opened));
  }

  /** A user's header named like ours stays where it was; ours come after, so lastHeader reads ours. */
  @Test
  void theInputsHeadersComeFirstInTheirOrderThenTheDiagnosis() {
    DeadLetter d =
        DeadLetter.of(
            RawRecord.fromLog("raw-temp-data", 0, 3, null, new byte[] {'{'}).withHeaders(INPUT_HEADERS),
            "parse",
            new IllegalArgumentException("bad"));
    ProducerRecord<byte[], byte[]> r = DeadLetterSink.toProducerRecord("dlq", d);
    assertEquals(
        List.of(
            "trace-id",
            DeadLetterSink.STEP,
            DeadLetterSink.ERROR,
            DeadLetterSink.EXCEPTION,
            DeadLetterSink.STEP,
            DeadLetterSink.TOPIC,
            DeadLetterSink.PARTITION,
            DeadLetterSink.OFFSET),
        names(r));
    assertEquals("abc", header(r, "trace-id"));
    assertEquals("parse", header(r, DeadLetterSink.STEP));
    Header first = r.headers().headers(DeadLetterSink.STEP).iterator().next();
    assertEquals("the user's own", new String(first.value(), StandardCharsets.UTF_8));
  }

  /** Beam's ProducerRecordCoder, on both sink paths, cannot encode a null header value. */
  @Test
  void aNullHeaderValueIsWrittenEmptyAndTheLetterEncodes() throws Exception {
    List<KV<String, byte[]>> headers = new ArrayList<>();
    headers.add(KV.of("flag", null));
    DeadLetter d =
        DeadLetter.of(
            RawRecord.fromLog("t", 0, 1, null, new byte[] {'{'}).withHeaders(headers),
            "parse",
            new IllegalArgumentException("x"));
    ProducerRecord<byte[], byte[]> r = DeadLetterSink.toProducerRecord("dlq", d);
    assertArrayEquals(new byte[0], r.headers().lastHeader("flag").value());
    NullableCoder<byte[]> bytes = NullableCoder.of(ByteArrayCoder.of());
    ProducerRecord<byte[], byte[]> decoded = CoderUtils.clone(ProducerRecordCoder.of(bytes, bytes), r);
    assertEquals(r.headers(), decoded.headers());
  }

  @Test
  void aCutLetterKeepsTheInputsHeaders() {
    DeadLetter d =
        DeadLetter.of(
            RawRecord.fromLog("raw-temp-data", 0, 7, null, new byte[1_040_000]).withHeaders(INPUT_HEADERS),
            "parse",
            new IllegalArgumentException("not JSON"));
    ProducerRecord<byte[], byte[]> r = DeadLetterSink.toProducerRecord("dlq", d);
    assertEquals("1040000", header(r, DeadLetterSink.TRUNCATED));
    assertEquals("abc", header(r, "trace-id"));
    assertEquals(List.of("trace-id", DeadLetterSink.STEP, DeadLetterSink.ERROR), names(r).subList(0, 3));
    assertNull(r.headers().lastHeader(DeadLetterSink.HEADERS_DROPPED));
    assertTrue(weight(r) <= DeadLetterSink.MAX_LETTER_BYTES);
  }

  /**
   * Headers that alone do not fit (possible only from a broker set up for bigger records): the
   * input's last headers are left off until the rest fits, and counted in a header.
   */
  @Test
  void inputHeadersThatAloneDoNotFitAreLeftOffFromTheLastAndCounted() {
    List<KV<String, byte[]>> huge =
        List.of(KV.of("a", new byte[400_000]), KV.of("b", new byte[400_000]), KV.of("c", new byte[400_000]));
    DeadLetter d =
        DeadLetter.of(
            RawRecord.fromLog("raw-temp-data", 0, 7, null, new byte[1000]).withHeaders(huge),
            "parse",
            new IllegalArgumentException("not JSON"));
    ProducerRecord<byte[], byte[]> r = DeadLetterSink.toProducerRecord("dlq", d);
    assertEquals("1", header(r, DeadLetterSink.HEADERS_DROPPED));
    assertEquals(1000, r.value().length);
    assertEquals(List.of("a", "b", DeadLetterSink.ERROR), names(r).subList(0, 3));
    assertNull(r.headers().lastHeader("c"));
    assertEquals("7", header(r, DeadLetterSink.OFFSET));
    assertTrue(weight(r) <= DeadLetterSink.MAX_LETTER_BYTES);
  }
}

