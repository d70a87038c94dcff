package dev.beamkit.benchmarks.flink;

/**
 * Running count, min, max and sum of one window. Mutable with public fields (a Flink POJO), so
 * {@link StatsAggregate} updates it in place in heap state instead of allocating per reading.
 */
public final class StatsAccumulator {
  public long count;
  public double min = Double.POSITIVE_INFINITY;
  public double max = Double.NEGATIVE_INFINITY;
  public double sum;
}
