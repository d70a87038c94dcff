package dev.beamkit.transforms.time;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.Serializable;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;
import org.joda.time.ReadableInstant;

/**
 * Turns an event-time value taken from a record (a string, a number, or a Jackson {@link
 * JsonNode} holding either) into a Beam timestamp, according to a {@link TimeFormat}.
 *
 * <p>Immutable and serializable, so one instance can be shared by DoFns and by a Kafka
 * timestamp policy. Parsing does a single pass over the value: no formatter objects, and no
 * exception unless the value really is bad. Fractions below a millisecond are truncated towards
 * the past. Results outside Beam's timestamp range ({@link BoundedWindow#TIMESTAMP_MIN_VALUE} to
 * {@link BoundedWindow#TIMESTAMP_MAX_VALUE}) are rejected, so a parsed time can always be used as
 * an element timestamp.
 *
 * <pre>{@code
 * EventTimeParser parser = EventTimeParser.of(TimeFormat.ISO_LOCAL).withZone(ZoneId.of("Europe/Paris"));
 * Instant t = parser.parse("2024-03-01T12:00:00.123456"); // 2024-03-01T11:00:00.123Z
 * }</pre>
 */
public final class EventTimeParser implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Under {@link TimeFormat#AUTO}, numbers at least this large (in absolute value) are millis. */
  private static final long AUTO_MILLIS_THRESHOLD = 100_000_000_000L;

  private static final long MIN_MILLIS = BoundedWindow.TIMESTAMP_MIN_VALUE.getMillis();
  private static final long MAX_MILLIS = BoundedWindow.TIMESTAMP_MAX_VALUE.getMillis();
  private static final BigDecimal MIN_MILLIS_DECIMAL = BigDecimal.valueOf(MIN_MILLIS);
  private static final BigDecimal MAX_MILLIS_DECIMAL = BigDecimal.valueOf(MAX_MILLIS);
  private static final BigDecimal AUTO_MILLIS_THRESHOLD_DECIMAL =
      BigDecimal.valueOf(AUTO_MILLIS_THRESHOLD);
  /** Doubles below this magnitude that have no fraction are exact longs. */
  private static final double EXACT_DOUBLE_LIMIT = 9.0e15;

  private static final int MAX_QUOTED_LENGTH = 100;

  private final TimeFormat format;
  private final ZoneId zone;

  private EventTimeParser(TimeFormat format, ZoneId zone) {
    this.format = Objects.requireNonNull(format, "format");
    this.zone = zone;
  }

  /** A parser for values in {@code format}, reading zone-less text as UTC. */
  public static EventTimeParser of(TimeFormat format) {
    return new EventTimeParser(format, ZoneOffset.UTC);
  }

  /** A parser that guesses the format of each value, see {@link TimeFormat#AUTO}. */
  public static EventTimeParser auto() {
    return of(TimeFormat.AUTO);
  }

  /**
   * The same parser reading zone-less text ({@link TimeFormat#ISO_LOCAL}, {@link TimeFormat#SQL})
   * in {@code zone}. Local times in a daylight-saving gap move forward by the length of the gap;
   * in an overlap the earlier offset wins. Epoch numbers and ISO_OFFSET text ignore the zone.
   */
  public EventTimeParser withZone(ZoneId zone) {
    return new EventTimeParser(format, Objects.requireNonNull(zone, "zone").normalized());
  }

  /** The format this parser reads. */
  public TimeFormat format() {
    return format;
  }

  /** The zone for zone-less text, normalized (a fixed-offset region such as "UTC" is an offset). */
  public ZoneId zone() {
    return zone;
  }

  /**
   * The event time held by {@code value}: a {@link String}, a {@link Number}, a textual or numeric
   * {@link JsonNode}, or an instant ({@link ReadableInstant}, {@link java.time.Instant}) that is
   * taken as is.
   *
   * @throws EventTimeException if the value is null, missing, of another type, not in this
   *     parser's format, or outside Beam's timestamp range; the message quotes the value and names
   *     the format, e.g. {@code cannot parse event time "abc" as ISO_LOCAL: expected ...}
   */
  public Instant parse(@Nullable Object value) throws EventTimeException {
    return new Instant(parseMillis(value));
  }

  /** Like {@link #parse} but returns epoch milliseconds, saving an allocation on hot paths. */
  public long parseMillis(@Nullable Object value) throws EventTimeException {
    if (value instanceof String) {
      return millisFromText((String) value);
    }
    if (value instanceof JsonNode) {
      return millisFromJson((JsonNode) value);
    }
    if (value instanceof Number) {
      return millisFromNumber((Number) value);
    }
    if (value instanceof ReadableInstant) {
      return inRange(((ReadableInstant) value).getMillis(), value);
    }
    if (value instanceof java.time.Instant) {
      return millisFromInstant((java.time.Instant) value);
    }
    if (value == null) {
      throw new EventTimeException("event time is null");
    }
    throw new EventTimeException(
        "cannot parse event time of type "
            + value.getClass().getName()
            + ": expected a String, Number or JsonNode");
  }

  long millisFromText(String text) throws EventTimeException {
    switch (format) {
      case ISO_LOCAL:
      case ISO_OFFSET:
      case SQL:
        return EventTimeText.toEpochMillis(text, format, zone, format);
      case EPOCH_MILLIS:
      case EPOCH_SECONDS:
        return millisFromNumericText(text, "expected an integer or decimal number");
      default:
        return millisFromAutoText(text);
    }
  }

  /** Picks one layout by the shape of the text, so AUTO costs one parse, not one per format. */
  private long millisFromAutoText(String text) throws EventTimeException {
    if (EventTimeText.startsLikeDate(text, 'T')) {
      TimeFormat layout =
          EventTimeText.hasOffset(text) ? TimeFormat.ISO_OFFSET : TimeFormat.ISO_LOCAL;
      return EventTimeText.toEpochMillis(text, layout, zone, TimeFormat.AUTO);
    }
    if (EventTimeText.startsLikeDate(text, ' ')) {
      return EventTimeText.toEpochMillis(text, TimeFormat.SQL, zone, TimeFormat.AUTO);
    }
    return millisFromNumericText(
        text,
        "expected ISO-8601 with or without offset, yyyy-MM-dd HH:mm:ss, or epoch seconds or"
            + " milliseconds");
  }

  /** Accepts {@code -?digits(.digits)?}; no sign '+', exponent or surrounding spaces. */
  private long millisFromNumericText(String text, String expectation) throws EventTimeException {
    int length = text.length();
    int pos = length > 0 && text.charAt(0) == '-' ? 1 : 0;
    int integerStart = pos;
    while (pos < length && isDigit(text.charAt(pos))) {
      pos++;
    }
    int integerDigits = pos - integerStart;
    boolean hasFraction = pos < length && text.charAt(pos) == '.';
    if (hasFraction) {
      int fractionStart = ++pos;
      while (pos < length && isDigit(text.charAt(pos))) {
        pos++;
      }
      hasFraction = pos > fractionStart;
      if (!hasFraction) {
        pos = -1; // a trailing '.' is not a number
      }
    }
    if (integerDigits == 0 || pos != length) {
      throw cannotParse(text, format, expectation);
    }
    if (!hasFraction && integerDigits <= 18) {
      return millisFromEpoch(Long.parseLong(text), text);
    }
    return millisFromEpoch(new BigDecimal(text), text);
  }

  private long millisFromJson(JsonNode node) throws EventTimeException {
    if (node.isTextual()) {
      return millisFromText(node.textValue());
    }
    if (node.isIntegralNumber() && node.canConvertToLong()) {
      return millisFromNumber(node.longValue(), node);
    }
    if (node.isDouble() || node.isFloat()) {
      return millisFromDouble(node.doubleValue(), node);
    }
    if (node.isNumber()) {
      return millisFromDecimal(node.decimalValue(), node);
    }
    if (node.isMissingNode()) {
      throw new EventTimeException("event time is missing");
    }
    if (node.isNull()) {
      throw new EventTimeException("event time is null");
    }
    throw cannotParse(
        node, format, "expected a string or number but got " + node.getNodeType().name());
  }

  private long millisFromNumber(Number number) throws EventTimeException {
    if (number instanceof Long
        || number instanceof Integer
        || number instanceof Short
        || number instanceof Byte) {
      return millisFromNumber(number.longValue(), number);
    }
    if (number instanceof Double || number instanceof Float) {
      return millisFromDouble(number.doubleValue(), number);
    }
    if (number instanceof BigDecimal) {
      return millisFromDecimal((BigDecimal) number, number);
    }
    if (number instanceof BigInteger) {
      return millisFromDecimal(new BigDecimal((BigInteger) number), number);
    }
    BigDecimal decimal;
    try {
      decimal = new BigDecimal(number.toString());
    } catch (NumberFormatException e) {
      throw cannotParse(number, format, "not a decimal number");
    }
    return millisFromDecimal(decimal, number);
  }

  long millisFromNumber(long number, Object shown) throws EventTimeException {
    requireNumericFormat(shown);
    return millisFromEpoch(number, shown);
  }

  long millisFromDecimal(BigDecimal number, Object shown) throws EventTimeException {
    requireNumericFormat(shown);
    return millisFromEpoch(number, shown);
  }

  private long millisFromDouble(double number, Object shown) throws EventTimeException {
    requireNumericFormat(shown);
    if (!Double.isFinite(number)) {
      throw cannotParse(shown, format, "not a finite number");
    }
    if (number == Math.rint(number) && Math.abs(number) < EXACT_DOUBLE_LIMIT) {
      return millisFromEpoch((long) number, shown);
    }
    // valueOf uses the shortest decimal that round-trips, so 1709294400.123 stays .123 exactly.
    return millisFromEpoch(BigDecimal.valueOf(number), shown);
  }

  private long millisFromInstant(java.time.Instant instant) throws EventTimeException {
    if (instant.getEpochSecond() < MIN_MILLIS / 1000 || instant.getEpochSecond() > MAX_MILLIS / 1000) {
      throw outOfRange(instant);
    }
    return inRange(instant.toEpochMilli(), instant);
  }

  private void requireNumericFormat(Object shown) throws EventTimeException {
    if (format == TimeFormat.ISO_LOCAL
        || format == TimeFormat.ISO_OFFSET
        || format == TimeFormat.SQL) {
      throw cannotParse(shown, format, "expected a string, got a number");
    }
  }

  private boolean isMillis(boolean atLeastThreshold) {
    return format == TimeFormat.EPOCH_MILLIS || (format == TimeFormat.AUTO && atLeastThreshold);
  }

  private long millisFromEpoch(long number, Object shown) throws EventTimeException {
    boolean atLeastThreshold =
        number >= AUTO_MILLIS_THRESHOLD || number <= -AUTO_MILLIS_THRESHOLD;
    if (isMillis(atLeastThreshold)) {
      return inRange(number, shown);
    }
    if (number < MIN_MILLIS / 1000 || number > MAX_MILLIS / 1000) {
      throw outOfRange(shown);
    }
    return inRange(number * 1000, shown);
  }

  private long millisFromEpoch(BigDecimal number, Object shown) throws EventTimeException {
    boolean atLeastThreshold = number.abs().compareTo(AUTO_MILLIS_THRESHOLD_DECIMAL) >= 0;
    BigDecimal millis = isMillis(atLeastThreshold) ? number : number.movePointRight(3);
    // Compare before rounding: setScale on a huge exponent would build a huge number.
    if (millis.compareTo(MIN_MILLIS_DECIMAL) < 0 || millis.compareTo(MAX_MILLIS_DECIMAL) > 0) {
      throw outOfRange(shown);
    }
    return inRange(millis.setScale(0, RoundingMode.FLOOR).longValueExact(), shown);
  }

  private static long inRange(long millis, Object shown) throws EventTimeException {
    if (millis < MIN_MILLIS || millis > MAX_MILLIS) {
      throw outOfRange(shown);
    }
    return millis;
  }

  private static EventTimeException outOfRange(Object shown) {
    return new EventTimeException(
        "event time " + quote(shown) + " is outside the range of Beam timestamps");
  }

  /** The exception for a value that is not in {@code format}, with the reason after a colon. */
  static EventTimeException cannotParse(Object value, TimeFormat format, String reason) {
    return new EventTimeException(
        "cannot parse event time " + quote(value) + " as " + format.name() + ": " + reason);
  }

  private static String quote(Object value) {
    String text = value instanceof JsonNode ? value.toString() : String.valueOf(value);
    if (text.length() > MAX_QUOTED_LENGTH) {
      text = text.substring(0, MAX_QUOTED_LENGTH) + "...";
    }
    return value instanceof String ? "\"" + text + "\"" : text;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof EventTimeParser
        && format == ((EventTimeParser) o).format
        && zone.equals(((EventTimeParser) o).zone);
  }

  @Override
  public int hashCode() {
    return Objects.hash(format, zone);
  }

  @Override
  public String toString() {
    return "EventTimeParser{" + format.name() + ", zone=" + zone + "}";
  }
}
