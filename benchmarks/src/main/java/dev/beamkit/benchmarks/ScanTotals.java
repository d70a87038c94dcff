package dev.beamkit.benchmarks;

/**
 * Totals over parsed readings that prove a read-only run really decoded every record: the count,
 * the sum of the values, and (wrapping) sums of the event times and of the sensor ids' hash codes.
 */
public final class ScanTotals {
  private long records;
  private double valueSum;
  private long timestampSum;
  private long sensorHashSum;

  /** Counts one parsed reading of {@code sensor}. */
  public void add(String sensor, TimedValue reading) {
    records++;
    valueSum += reading.value();
    timestampSum += reading.timestampMillis();
    sensorHashSum += sensor.hashCode();
  }

  /**
   * Adds everything {@code other} counted, for readers that scan partitions in parallel. The
   * synthetic values are whole numbers, so the double sum is exact in any order.
   */
  public void addAll(ScanTotals other) {
    records += other.records;
    valueSum += other.valueSum;
    timestampSum += other.timestampSum;
    sensorHashSum += other.sensorHashSum;
  }

  /** Number of readings added. */
  public long records() {
    return records;
  }

  /** Every total on one line, doubles printed exactly. */
  public String canonicalLine() {
    return records + "," + Double.toString(valueSum) + "," + timestampSum + "," + sensorHashSum;
  }
}
