package dev.beamkit.transforms.time;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * How an event time is written in a record; used by {@link EventTimeParser}.
 *
 * <p>The text formats take exactly the layout shown (four-digit year, two-digit fields, seconds
 * required) with an optional fraction of one to nine digits; the fraction is truncated to
 * milliseconds, the precision of Beam timestamps. Zone-less formats are read in the parser's zone
 * (UTC unless {@link EventTimeParser#withZone} says otherwise).
 */
public enum TimeFormat {
  /**
   * Guess from the value. A number (or numeric string) is epoch milliseconds when its absolute
   * value is at least 10<sup>11</sup> and epoch seconds otherwise: 10<sup>11</sup> seconds is in
   * the year 5138 while 10<sup>11</sup> milliseconds is March 1973, so for event times after 1973
   * the guess is right. Text is tried as {@link #ISO_OFFSET}, {@link #ISO_LOCAL}, {@link #SQL},
   * then as a number.
   */
  AUTO,
  /** ISO-8601 local date-time without zone: {@code 2024-03-01T12:00:00[.123456]}. */
  ISO_LOCAL,
  /**
   * ISO-8601 date-time with an offset: {@code 2024-03-01T12:00:00[.123]Z} or {@code
   * ...+02:00} (also {@code +02:00:30}); the parser's zone is not used.
   */
  ISO_OFFSET,
  /** SQL timestamp without zone: {@code 2024-03-01 12:00:00[.123456]}. */
  SQL,
  /** Milliseconds since 1970-01-01T00:00:00Z, as a JSON number or a numeric string. */
  EPOCH_MILLIS,
  /**
   * Seconds since 1970-01-01T00:00:00Z, as a JSON number or a numeric string; a fraction such as
   * {@code 1709294400.123} is allowed.
   */
  EPOCH_SECONDS;

  /** The name used on command lines and in configuration, e.g. {@code iso-local}. */
  public String optionName() {
    return name().toLowerCase(Locale.ROOT).replace('_', '-');
  }

  /**
   * The format called {@code name}, ignoring case and accepting {@code -} for {@code _}: {@code
   * iso-local}, {@code ISO_LOCAL} and {@code Iso-Local} are the same.
   *
   * @throws IllegalArgumentException if there is no such format; the message lists the allowed
   *     names
   */
  public static TimeFormat fromName(String name) {
    String normalized = name.trim().toUpperCase(Locale.ROOT).replace('-', '_');
    for (TimeFormat format : values()) {
      if (format.name().equals(normalized)) {
        return format;
      }
    }
    throw new IllegalArgumentException(
        "unknown time format \""
            + name
            + "\"; allowed: "
            + Arrays.stream(values()).map(TimeFormat::optionName).collect(Collectors.joining(", ")));
  }
}
