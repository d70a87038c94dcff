package dev.beamkit.benchmarks;

import java.util.Comparator;

/**
 * The final answer for one sensor and one 10 s event-time window: what every implementation must
 * produce, whatever engine computed it.
 *
 * @param windowStart inclusive start, epoch millis
 * @param windowEnd exclusive end, epoch millis (the {@code time} field of the output JSON)
 * @param mean sum of the values divided by {@code count}
 */
public record WindowResult(
    String sensor, long windowStart, long windowEnd, long count, double min, double max, double mean) {

  /** Sensor, then window start: the order in which {@link Checksum} hashes results. */
  public static final Comparator<WindowResult> ORDER =
      Comparator.comparing(WindowResult::sensor).thenComparingLong(WindowResult::windowStart);

  /** A result from running totals; the mean is {@code sum / count}, as in every implementation. */
  public static WindowResult of(
      String sensor, long windowStart, long windowEnd, long count, double min, double max, double sum) {
    return new WindowResult(sensor, windowStart, windowEnd, count, min, max, sum / count);
  }

  /**
   * One line with every field, doubles exactly as {@link Double#toString} prints them, so two
   * results give the same line only if they are equal bit for bit.
   */
  public String canonicalLine() {
    return sensor + ',' + windowStart + ',' + windowEnd + ',' + count + ',' + Double.toString(min)
        + ',' + Double.toString(max) + ',' + Double.toString(mean);
  }
}
