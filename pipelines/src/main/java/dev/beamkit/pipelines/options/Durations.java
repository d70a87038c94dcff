package dev.beamkit.pipelines.options;

import java.time.format.DateTimeParseException;
import java.util.Locale;
import org.joda.time.Duration;

/** Parses the short duration forms options use: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, or ISO-8601. */
public final class Durations {
  private Durations() {}

  /**
   * Parses {@code value} of option {@code option}.
   *
   * @throws OptionError naming the option when the value is not a non-negative duration
   */
  public static Duration parse(String option, String value) {
    Duration d = parseOrNull(value == null ? "" : value.trim().toLowerCase(Locale.ROOT));
    if (d == null) {
      throw new OptionError(option, value, "not a duration; write e.g. 500ms, 10s, 2m, 1h or PT10S");
    }
    if (d.getMillis() < 0) {
      throw new OptionError(option, value, "must not be negative");
    }
    return d;
  }

  private static Duration parseOrNull(String v) {
    try {
      if (v.startsWith("p")) {
        return Duration.millis(java.time.Duration.parse(v.toUpperCase(Locale.ROOT)).toMillis());
      }
      for (Unit unit : Unit.values()) {
        if (v.endsWith(unit.suffix)) {
          String number = v.substring(0, v.length() - unit.suffix.length());
          return Duration.millis(Math.round(Double.parseDouble(number) * unit.millis));
        }
      }
      return null;
    } catch (IllegalArgumentException | DateTimeParseException e) {
      return null;
    }
  }

  /** Suffixes in match order: "ms" before "s" so that 500ms is not read as seconds. */
  private enum Unit {
    MILLIS("ms", 1),
    SECONDS("s", 1_000),
    MINUTES("m", 60_000),
    HOURS("h", 3_600_000);

    final String suffix;
    final long millis;

    Unit(String suffix, long millis) {
      this.suffix = suffix;
      this.millis = millis;
    }
  }
}
