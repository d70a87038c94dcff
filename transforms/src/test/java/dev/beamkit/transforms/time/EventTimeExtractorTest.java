package dev.beamkit.transforms.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.util.SerializableUtils;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventTimeExtractorTest {
  private static final EventTimeExtractor TS =
      EventTimeExtractor.field("ts", EventTimeParser.of(TimeFormat.ISO_LOCAL));
  private static final EventTimeExtractor EPOCH = EventTimeExtractor.field("t", EventTimeParser.auto());

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String failure(EventTimeExtractor extractor, byte[] payload) {
    return assertThrows(EventTimeException.class, () -> extractor.extract(payload)).getMessage();
  }

  @Test
  void readsTheTopLevelFieldSkippingOthers() throws Exception {
    byte[] payload =
        utf8(
            "{\"nested\":{\"ts\":\"1999-01-01T00:00:00\",\"list\":[1,{\"ts\":0}]},"
                + "\"value\":42,\"ts\":\"2024-03-01T12:00:00.123456\"}");
    assertEquals(Instant.parse("2024-03-01T12:00:00.123Z"), TS.extract(payload));
  }

  @Test
  void stopsAtTheFieldSoTheRestIsNotRead() throws Exception {
    // Cheap by design: a timestamp policy only needs the time; ParseJson judges the rest.
    assertEquals(
        Instant.parse("2024-03-01T12:00:00Z"),
        TS.extract(utf8("{\"ts\":\"2024-03-01T12:00:00\",\"value\":")));
    assertEquals(
        Instant.parse("2024-03-01T12:00:00Z"),
        TS.extract(utf8("{\"ts\":\"2024-03-01T12:00:00\",\"ts\":\"2000-01-01T00:00:00\"}")));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"t\":1709294400123} | 2024-03-01T12:00:00.123Z",
        "{\"t\":1709294400} | 2024-03-01T12:00:00Z",
        "{\"t\":1709294400.123} | 2024-03-01T12:00:00.123Z",
        "{\"t\":\"1709294400.5\"} | 2024-03-01T12:00:00.500Z",
        "{\"t\":\"2024-03-01T14:00:00+02:00\"} | 2024-03-01T12:00:00Z",
      })
  void readsNumbersExactlyAndText(String payload, String expected) throws Exception {
    assertEquals(Instant.parse(expected), EPOCH.extract(utf8(payload)));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "{\"value\":42} | field \"ts\" is missing",
        "[{\"ts\":\"2024-03-01T12:00:00\"}] | expected a JSON object but got START_ARRAY",
        "null | expected a JSON object but got VALUE_NULL",
        "'' | expected a JSON object but got empty input",
        "{\"value\":42,\"x\":tru | cannot read event time: Unrecognized token 'tru'",
        "{\"value\":4 | cannot read event time: Unexpected end-of-input",
        "{\"ts\":null} | event time field \"ts\" is null",
        "{\"ts\":{\"at\":1}} | event time field \"ts\" must be a string or number but is START_OBJECT",
        "{\"ts\":\"yesterday\"} | cannot parse event time \"yesterday\" as ISO_LOCAL",
        "{\"ts\":1709294400} | cannot parse event time 1709294400 as ISO_LOCAL: expected a string",
      })
  void badPayloadsFailWithAClearMessage(String payload, String expected) {
    String message = failure(TS, utf8(payload));
    assertTrue(message.contains(expected), message);
  }

  @Test
  void nullPayloadFails() {
    assertEquals("cannot read event time: the payload is null", failure(TS, null));
  }

  @Test
  void hugeIntegersAreRangeChecked() {
    String message = failure(EPOCH, utf8("{\"t\":123456789012345678901234567890}"));
    assertTrue(message.contains("outside the range of Beam timestamps"), message);
  }

  @Test
  void survivesJavaSerialization() throws Exception {
    EventTimeExtractor copy = SerializableUtils.clone(TS);
    assertEquals("ts", copy.fieldName());
    assertEquals(
        Instant.parse("2024-03-01T12:00:00Z"), copy.extract(utf8("{\"ts\":\"2024-03-01T12:00:00\"}")));
  }
}
