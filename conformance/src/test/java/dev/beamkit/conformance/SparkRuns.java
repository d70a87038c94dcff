package dev.beamkit.conformance;

import org.apache.beam.runners.spark.metrics.MetricsAccumulator;
import org.apache.beam.runners.spark.util.GlobalWatermarkHolder;

/**
 * The SparkRunner keeps its counters and its sources' watermarks in JVM-wide singletons, made
 * for one pipeline per JVM: a second run in the same JVM would start with the first run's
 * counters and watermarks (and so drop its data as late). Beam's own TestSparkRunner clears
 * them before every run; so do the conformance tests.
 */
final class SparkRuns {
  private SparkRuns() {}

  static void forgetEarlierRuns() {
    MetricsAccumulator.clear();
    GlobalWatermarkHolder.clear();
  }
}
