package dev.beamkit.transforms.time;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.Year;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads the fixed-layout date-time texts of {@link TimeFormat#ISO_LOCAL}, {@link
 * TimeFormat#ISO_OFFSET} and {@link TimeFormat#SQL} into epoch milliseconds.
 *
 * <p>Hand-written rather than a {@code DateTimeFormatter} because it runs once per element: a
 * single pass over the characters, no intermediate objects for UTC or fixed offsets, and no
 * exception unless the text really is bad.
 */
final class EventTimeText {
  private static final int DATE_TIME_LENGTH = "yyyy-MM-ddTHH:mm:ss".length();
  private static final int MAX_FRACTION_DIGITS = 9;
  private static final int MAX_OFFSET_SECONDS = 18 * 3600;

  private EventTimeText() {}

  /**
   * Whether {@code text} starts like {@code yyyy-MM-dd?} with {@code separator} at {@code ?}; a
   * cheap shape test used by {@link TimeFormat#AUTO} to pick one layout instead of trying each.
   */
  static boolean startsLikeDate(String text, char separator) {
    return text.length() >= DATE_TIME_LENGTH
        && text.charAt(4) == '-'
        && text.charAt(7) == '-'
        && text.charAt(10) == separator;
  }

  /** Whether the time part of an ISO date-time carries an offset ({@code Z}, {@code +}, {@code -}). */
  static boolean hasOffset(String text) {
    for (int i = DATE_TIME_LENGTH; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == 'Z' || c == '+' || c == '-') {
        return true;
      }
    }
    return false;
  }

  /**
   * Epoch milliseconds of {@code text} written in {@code layout} (ISO_LOCAL, ISO_OFFSET or SQL);
   * zone-less layouts are read in {@code zone}. {@code requested} is the format named in error
   * messages, which differs from {@code layout} under AUTO.
   */
  static long toEpochMillis(String text, TimeFormat layout, ZoneId zone, TimeFormat requested)
      throws EventTimeException {
    char separator = layout == TimeFormat.SQL ? ' ' : 'T';
    if (!hasDateTimeLayout(text, separator)) {
      throw EventTimeParser.cannotParse(text, requested, expectedLayout(layout));
    }
    int year = digits(text, 0, 4);
    int month = digits(text, 5, 2);
    int day = digits(text, 8, 2);
    int hour = digits(text, 11, 2);
    int minute = digits(text, 14, 2);
    int second = digits(text, 17, 2);

    int pos = DATE_TIME_LENGTH;
    int millis = 0;
    if (pos < text.length() && text.charAt(pos) == '.') {
      int start = ++pos;
      while (pos < text.length() && isDigit(text.charAt(pos))) {
        pos++;
      }
      int count = pos - start;
      if (count == 0 || count > MAX_FRACTION_DIGITS) {
        throw EventTimeParser.cannotParse(
            text, requested, "the fraction of a second must have 1 to 9 digits");
      }
      millis = fractionMillis(text, start, count);
    }

    int offsetSeconds = 0;
    if (layout == TimeFormat.ISO_OFFSET) {
      offsetSeconds = offsetSeconds(text, pos, requested);
    } else if (pos != text.length()) {
      throw EventTimeParser.cannotParse(text, requested, expectedLayout(layout));
    }

    String rangeError = rangeError(year, month, day, hour, minute, second);
    if (rangeError != null) {
      throw EventTimeParser.cannotParse(text, requested, rangeError);
    }
    long epochSecond;
    if (layout == TimeFormat.ISO_OFFSET || zone instanceof ZoneOffset) {
      int offset =
          layout == TimeFormat.ISO_OFFSET ? offsetSeconds : ((ZoneOffset) zone).getTotalSeconds();
      long secondOfDay = hour * 3600L + minute * 60L + second;
      epochSecond = LocalDate.of(year, month, day).toEpochDay() * 86_400L + secondOfDay - offset;
    } else {
      // Region zones need their rules; atZone moves times in a DST gap forward by the gap and
      // takes the earlier offset in an overlap.
      epochSecond =
          LocalDateTime.of(year, month, day, hour, minute, second).atZone(zone).toEpochSecond();
    }
    return epochSecond * 1000 + millis;
  }

  private static String expectedLayout(TimeFormat layout) {
    switch (layout) {
      case SQL:
        return "expected yyyy-MM-dd HH:mm:ss with an optional fraction of up to 9 digits";
      case ISO_OFFSET:
        return "expected yyyy-MM-ddTHH:mm:ss with an optional fraction of up to 9 digits,"
            + " followed by Z or an offset such as +02:00";
      default:
        return "expected yyyy-MM-ddTHH:mm:ss with an optional fraction of up to 9 digits";
    }
  }

  private static boolean hasDateTimeLayout(String s, char separator) {
    return startsLikeDate(s, separator)
        && s.charAt(13) == ':'
        && s.charAt(16) == ':'
        && allDigits(s, 0, 4)
        && allDigits(s, 5, 2)
        && allDigits(s, 8, 2)
        && allDigits(s, 11, 2)
        && allDigits(s, 14, 2)
        && allDigits(s, 17, 2);
  }

  /** Parses {@code Z}, {@code ±HH:MM} or {@code ±HH:MM:SS} at {@code pos}, which must end the text. */
  private static int offsetSeconds(String s, int pos, TimeFormat requested)
      throws EventTimeException {
    int remaining = s.length() - pos;
    if (remaining == 1 && s.charAt(pos) == 'Z') {
      return 0;
    }
    boolean shapeOk =
        (remaining == 6 || remaining == 9)
            && (s.charAt(pos) == '+' || s.charAt(pos) == '-')
            && allDigits(s, pos + 1, 2)
            && s.charAt(pos + 3) == ':'
            && allDigits(s, pos + 4, 2)
            && (remaining == 6 || (s.charAt(pos + 6) == ':' && allDigits(s, pos + 7, 2)));
    if (!shapeOk) {
      throw EventTimeParser.cannotParse(s, requested, expectedLayout(TimeFormat.ISO_OFFSET));
    }
    int hours = digits(s, pos + 1, 2);
    int minutes = digits(s, pos + 4, 2);
    int seconds = remaining == 9 ? digits(s, pos + 7, 2) : 0;
    int total = hours * 3600 + minutes * 60 + seconds;
    if (minutes > 59 || seconds > 59 || total > MAX_OFFSET_SECONDS) {
      throw EventTimeParser.cannotParse(
          s, requested, "offset " + s.substring(pos) + " is outside -18:00 to +18:00");
    }
    return s.charAt(pos) == '-' ? -total : total;
  }

  private static @Nullable String rangeError(
      int year, int month, int day, int hour, int minute, int second) {
    if (month < 1 || month > 12) {
      return "month " + month + " is outside 1-12";
    }
    int monthLength = Month.of(month).length(Year.isLeap(year));
    if (day < 1 || day > monthLength) {
      return "day " + day + " is outside 1-" + monthLength + " for that month";
    }
    if (hour > 23) {
      return "hour " + hour + " is outside 0-23";
    }
    if (minute > 59) {
      return "minute " + minute + " is outside 0-59";
    }
    if (second > 59) {
      return "second " + second + " is outside 0-59";
    }
    return null;
  }

  /** The first three digits of a fraction as milliseconds; later digits are truncated. */
  private static int fractionMillis(String s, int start, int count) {
    int millis = 0;
    for (int i = 0; i < 3; i++) {
      millis = millis * 10 + (i < count ? s.charAt(start + i) - '0' : 0);
    }
    return millis;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean allDigits(String s, int start, int count) {
    for (int i = start; i < start + count; i++) {
      if (!isDigit(s.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  private static int digits(String s, int start, int count) {
    int value = 0;
    for (int i = start; i < start + count; i++) {
      value = value * 10 + (s.charAt(i) - '0');
    }
    return value;
  }
}
