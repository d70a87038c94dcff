package dev.beamkit.benchmarks.soak;

import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * Parsing of the soak's options. A bad value fails with a message picocli puts after {@code
 * Invalid value for option '--rate':}, so the error names the option in one line.
 */
public final class SoakArguments {
  private static final Pattern LENGTH = Pattern.compile("([0-9]{1,6})([smh])");

  private SoakArguments() {}

  /**
   * A soak length such as {@code 30m}, {@code 90s} or {@code 1h}: at least one minute, as the heap
   * is sampled once a minute.
   */
  public static Duration length(String text) {
    Matcher m = LENGTH.matcher(text.trim());
    if (!m.matches()) {
      throw new TypeConversionException("'" + text + "' is not a length like 30m, 90s or 1h");
    }
    long n = Long.parseLong(m.group(1));
    Duration length =
        switch (m.group(2)) {
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        };
    if (length.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new TypeConversionException("'" + text + "' is shorter than the minute between heap samples");
    }
    return length;
  }

  /** A whole number above 0 (readings per second, sensors). */
  public static long positive(String text) {
    long n;
    try {
      n = Long.parseLong(text.trim());
    } catch (NumberFormatException e) {
      throw new TypeConversionException("'" + text + "' is not a whole number");
    }
    if (n <= 0) {
      throw new TypeConversionException("'" + text + "' is not above 0");
    }
    return n;
  }

  /** {@link #length} for picocli. */
  public static final class Length implements ITypeConverter<Duration> {
    @Override
    public Duration convert(String value) {
      return length(value);
    }
  }

  /** {@link #positive} for picocli. */
  public static final class Positive implements ITypeConverter<Long> {
    @Override
    public Long convert(String value) {
      return positive(value);
    }
  }
}
