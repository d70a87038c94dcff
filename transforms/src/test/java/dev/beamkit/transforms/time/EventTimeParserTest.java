package dev.beamkit.transforms.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.node.DecimalNode;
import com.fasterxml.jackson.databind.node.DoubleNode;
import com.fasterxml.jackson.databind.node.IntNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.LongNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.apache.beam.sdk.util.SerializableUtils;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventTimeParserTest {
  /** 2024-03-01T12:00:00Z. */
  private static final long NOON = 1_709_294_400_000L;

  private static Instant utc(String isoInstant) {
    return Instant.parse(isoInstant);
  }

  private static Instant parse(TimeFormat format, Object value) throws EventTimeException {
    return EventTimeParser.of(format).parse(value);
  }

  private static String failure(EventTimeParser parser, Object value) {
    return assertThrows(EventTimeException.class, () -> parser.parse(value)).getMessage();
  }

  @ParameterizedTest
  @CsvSource({
    "2024-03-01T12:00:00, 0",
    "2024-03-01T12:00:00.1, 100",
    "2024-03-01T12:00:00.12, 120",
    "2024-03-01T12:00:00.123456, 123",
    "2024-03-01T12:00:00.999999999, 999",
  })
  void isoLocalTruncatesFractionsToMillis(String text, long millis) throws Exception {
    assertEquals(new Instant(NOON + millis), parse(TimeFormat.ISO_LOCAL, text));
  }

  @Test
  void zoneLessFormatsUseTheParsersZone() throws Exception {
    EventTimeParser paris = EventTimeParser.of(TimeFormat.ISO_LOCAL).withZone(ZoneId.of("Europe/Paris"));
    assertEquals(utc("2024-03-01T11:00:00.123Z"), paris.parse("2024-03-01T12:00:00.123456"));
    assertEquals(utc("2024-07-01T10:00:00Z"), paris.parse("2024-07-01T12:00:00"));
    // Daylight saving: 02:30 does not exist on 2024-03-31 (moved forward by the gap) and occurs
    // twice on 2024-10-27 (the earlier offset, +02:00, wins).
    assertEquals(utc("2024-03-31T01:30:00Z"), paris.parse("2024-03-31T02:30:00"));
    assertEquals(utc("2024-10-27T00:30:00Z"), paris.parse("2024-10-27T02:30:00"));

    EventTimeParser sqlInKolkata =
        EventTimeParser.of(TimeFormat.SQL).withZone(ZoneId.of("+05:30"));
    assertEquals(utc("2024-03-01T06:30:00Z"), sqlInKolkata.parse("2024-03-01 12:00:00"));
    assertEquals(ZoneOffset.UTC, EventTimeParser.auto().withZone(ZoneId.of("UTC")).zone());
  }

  @ParameterizedTest
  @CsvSource({
    "2024-03-01T12:00:00Z, 2024-03-01T12:00:00Z",
    "2024-03-01T12:00:00.5Z, 2024-03-01T12:00:00.500Z",
    "2024-03-01T12:00:00+02:00, 2024-03-01T10:00:00Z",
    "2024-03-01T12:00:00.123456-05:30, 2024-03-01T17:30:00.123Z",
    "2024-03-01T12:00:00+02:00:30, 2024-03-01T09:59:30Z",
    "2024-03-01T00:30:00+01:00, 2024-02-29T23:30:00Z",
  })
  void isoOffsetUsesTheTextsOffsetNotTheZone(String text, String expected) throws Exception {
    EventTimeParser parser =
        EventTimeParser.of(TimeFormat.ISO_OFFSET).withZone(ZoneId.of("America/New_York"));
    assertEquals(utc(expected), parser.parse(text));
  }

  @Test
  void sqlFormatWithOptionalFraction() throws Exception {
    assertEquals(new Instant(NOON), parse(TimeFormat.SQL, "2024-03-01 12:00:00"));
    assertEquals(new Instant(NOON + 450), parse(TimeFormat.SQL, "2024-03-01 12:00:00.45"));
    assertEquals(utc("1969-12-31T23:59:59Z"), parse(TimeFormat.SQL, "1969-12-31 23:59:59"));
  }

  @Test
  void epochMillisFromNumbersAndNumericStrings() throws Exception {
    Instant expected = new Instant(NOON + 123);
    assertEquals(expected, parse(TimeFormat.EPOCH_MILLIS, NOON + 123));
    assertEquals(expected, parse(TimeFormat.EPOCH_MILLIS, "1709294400123"));
    assertEquals(expected, parse(TimeFormat.EPOCH_MILLIS, BigInteger.valueOf(NOON + 123)));
    assertEquals(expected, parse(TimeFormat.EPOCH_MILLIS, 1.709294400123e12));
    assertEquals(new Instant(5), parse(TimeFormat.EPOCH_MILLIS, 5)); // small is still millis
    assertEquals(new Instant(-2), parse(TimeFormat.EPOCH_MILLIS, "-1.5")); // floored
  }

  @Test
  void epochSecondsAllowFractionsExactly() throws Exception {
    Instant expected = new Instant(NOON + 123);
    assertEquals(new Instant(NOON), parse(TimeFormat.EPOCH_SECONDS, 1_709_294_400L));
    assertEquals(expected, parse(TimeFormat.EPOCH_SECONDS, "1709294400.123"));
    assertEquals(expected, parse(TimeFormat.EPOCH_SECONDS, 1709294400.123));
    assertEquals(expected, parse(TimeFormat.EPOCH_SECONDS, new BigDecimal("1709294400.1239")));
    assertEquals(new Instant(-1500), parse(TimeFormat.EPOCH_SECONDS, "-1.5"));
    assertEquals(new Instant(NOON), parse(TimeFormat.EPOCH_SECONDS, "1709294400"));
  }

  @Test
  void autoTreatsLargeNumbersAsMillisAndSmallOnesAsSeconds() throws Exception {
    EventTimeParser auto = EventTimeParser.auto();
    assertEquals(new Instant(NOON), auto.parse(NOON));
    assertEquals(new Instant(NOON), auto.parse(NOON / 1000));
    assertEquals(new Instant(NOON + 250), auto.parse("1709294400.25"));
    assertEquals(new Instant(99_999_999_999_000L), auto.parse(99_999_999_999L));
    assertEquals(new Instant(100_000_000_000L), auto.parse(100_000_000_000L));
    assertEquals(new Instant(-100_000_000_000L), auto.parse(-100_000_000_000L));
    assertEquals(new Instant(-5_000), auto.parse(-5));
  }

  @ParameterizedTest
  @CsvSource({
    "2024-03-01T12:00:00.123Z, 2024-03-01T12:00:00.123Z",
    "2024-03-01T14:00:00+02:00, 2024-03-01T12:00:00Z",
    "2024-03-01T12:00:00.123456, 2024-03-01T12:00:00.123Z",
    "2024-03-01 12:00:00, 2024-03-01T12:00:00Z",
    "1709294400123, 2024-03-01T12:00:00.123Z",
    "1709294400, 2024-03-01T12:00:00Z",
  })
  void autoRecognizesEachTextFormat(String text, String expected) throws Exception {
    assertEquals(utc(expected), EventTimeParser.auto().parse(text));
  }

  @Test
  void jsonNodesAreReadByTheirType() throws Exception {
    EventTimeParser auto = EventTimeParser.auto();
    assertEquals(new Instant(NOON), auto.parse(TextNode.valueOf("2024-03-01T12:00:00")));
    assertEquals(new Instant(NOON), auto.parse(LongNode.valueOf(NOON)));
    assertEquals(new Instant(NOON), auto.parse(IntNode.valueOf(1_709_294_400)));
    assertEquals(new Instant(NOON + 123), auto.parse(DoubleNode.valueOf(1709294400.123)));
    assertEquals(
        new Instant(NOON + 123), auto.parse(DecimalNode.valueOf(new BigDecimal("1709294400.123"))));
    assertEquals("event time is null", failure(auto, NullNode.getInstance()));
    assertEquals("event time is missing", failure(auto, MissingNode.getInstance()));
    assertEquals(
        "cannot parse event time {} as AUTO: expected a string or number but got OBJECT",
        failure(auto, JsonNodeFactory.instance.objectNode()));
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ISO_LOCAL | abc | cannot parse event time \"abc\" as ISO_LOCAL: expected yyyy-MM-ddTHH:mm:ss",
        "ISO_LOCAL | 2024-13-01T12:00:00 | month 13 is outside 1-12",
        "ISO_LOCAL | 2023-02-29T12:00:00 | day 29 is outside 1-28",
        "ISO_LOCAL | 2024-03-01T24:00:00 | hour 24 is outside 0-23",
        "ISO_LOCAL | 2024-03-01T12:60:00 | minute 60 is outside 0-59",
        "ISO_LOCAL | 2024-03-01T12:00:60 | second 60 is outside 0-59",
        "ISO_LOCAL | 2024-03-01T12:00:00. | the fraction of a second must have 1 to 9 digits",
        "ISO_LOCAL | 2024-03-01T12:00:00.1234567891 | the fraction of a second must have 1 to 9 digits",
        "ISO_LOCAL | 2024-03-01T12:00:00Z | as ISO_LOCAL: expected yyyy-MM-ddTHH:mm:ss",
        "ISO_LOCAL | 2024-03-01 12:00:00 | as ISO_LOCAL: expected yyyy-MM-ddTHH:mm:ss",
        "ISO_LOCAL | 2024-3-01T12:00:00Z | as ISO_LOCAL: expected",
        "ISO_OFFSET | 2024-03-01T12:00:00 | followed by Z or an offset such as +02:00",
        "ISO_OFFSET | 2024-03-01T12:00:00+2:00 | followed by Z or an offset such as +02:00",
        "ISO_OFFSET | 2024-03-01T12:00:00+19:00 | offset +19:00 is outside -18:00 to +18:00",
        "SQL | 2024-03-01T12:00:00 | as SQL: expected yyyy-MM-dd HH:mm:ss",
        "EPOCH_MILLIS | 1e3 | as EPOCH_MILLIS: expected an integer or decimal number",
        "EPOCH_MILLIS | ' 5' | as EPOCH_MILLIS: expected an integer or decimal number",
        "EPOCH_SECONDS | 12.5.3 | as EPOCH_SECONDS: expected an integer or decimal number",
        "EPOCH_SECONDS | 5. | as EPOCH_SECONDS: expected an integer or decimal number",
        "EPOCH_SECONDS | '' | cannot parse event time \"\" as EPOCH_SECONDS",
        "AUTO | yesterday | cannot parse event time \"yesterday\" as AUTO: expected ISO-8601",
        "AUTO | 2024-02-30T12:00:00 | as AUTO: day 30 is outside 1-29",
      })
  void badTextSaysWhatWasExpected(TimeFormat format, String text, String expected) {
    String message = failure(EventTimeParser.of(format), text);
    assertTrue(message.contains(expected), message);
    assertTrue(message.startsWith("cannot parse event time \"" + text + "\" as " + format), message);
  }

  @Test
  void textFormatsRejectNumbersAndOtherTypes() {
    assertEquals(
        "cannot parse event time 1709294400 as ISO_LOCAL: expected a string, got a number",
        failure(EventTimeParser.of(TimeFormat.ISO_LOCAL), 1_709_294_400L));
    assertEquals("event time is null", failure(EventTimeParser.auto(), null));
    assertTrue(failure(EventTimeParser.auto(), new Object()).contains("expected a String, Number"));
  }

  @Test
  void valuesOutsideBeamsTimestampRangeAreRejected() throws Exception {
    String message = failure(EventTimeParser.of(TimeFormat.EPOCH_SECONDS), Long.MAX_VALUE);
    assertEquals("event time 9223372036854775807 is outside the range of Beam timestamps", message);
    assertTrue(
        failure(EventTimeParser.of(TimeFormat.EPOCH_MILLIS), "-9999999999999999999")
            .contains("outside the range"));
    assertTrue(
        failure(EventTimeParser.auto(), new BigDecimal("1E+400")).contains("outside the range"));
    assertTrue(failure(EventTimeParser.auto(), Double.NaN).contains("not a finite number"));
    // The extremes themselves are fine.
    long max = org.apache.beam.sdk.transforms.windowing.BoundedWindow.TIMESTAMP_MAX_VALUE.getMillis();
    assertEquals(new Instant(max), parse(TimeFormat.EPOCH_MILLIS, max));
  }

  @Test
  void instantsAreTakenAsTheyAre() throws Exception {
    assertEquals(new Instant(NOON), EventTimeParser.of(TimeFormat.SQL).parse(new Instant(NOON)));
    assertEquals(
        new Instant(NOON), EventTimeParser.auto().parse(java.time.Instant.ofEpochMilli(NOON)));
  }

  @Test
  void longValuesAreShortenedInMessages() {
    String message = failure(EventTimeParser.of(TimeFormat.ISO_LOCAL), "x".repeat(500));
    assertTrue(message.length() < 300, message);
    assertTrue(message.contains("x".repeat(100) + "...\""), message);
  }

  @Test
  void survivesJavaSerialization() throws Exception {
    EventTimeParser parser =
        EventTimeParser.of(TimeFormat.ISO_LOCAL).withZone(ZoneId.of("Europe/Paris"));
    EventTimeParser copy = SerializableUtils.clone(parser);
    assertEquals(parser, copy);
    assertEquals(utc("2024-03-01T11:00:00Z"), copy.parse("2024-03-01T12:00:00"));
  }
}
