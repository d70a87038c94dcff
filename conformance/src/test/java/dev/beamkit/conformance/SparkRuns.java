package dev.beamkit.conformance;

import org.apache.beam.runners.spark.io.MicrobatchSource;
import org.apache.beam.runners.spark.metrics.MetricsAccumulator;
import org.apache.beam.runners.spark.util.GlobalWatermarkHolder;

/**
 * The SparkRunner keeps its counters, its sources' watermarks and its open source readers in
 * JVM-wide singletons, made for one pipeline per JVM: a second run in the same JVM would start
 * with the first run's counters and watermarks (and so drop its data as late). Beam's own
 * TestSparkRunner clears the first two before every run; the conformance tests clear all three.
 */
final class SparkRuns {
  private SparkRuns() {}

  static void forgetEarlierRuns() {
    MetricsAccumulator.clear();
    GlobalWatermarkHolder.clear();
    forgetOpenReaders();
  }

  /**
   * Closes the readers that {@code local[n]} executors (threads of this JVM) cache between
   * micro-batches. The cache is keyed by source and split number, which restart at 0 with every
   * streaming context: a run that starts within 1.5 batch intervals of the previous run's last
   * read is handed that run's Kafka reader — its topic, its consumer group, at its end offset —
   * and reads nothing (seen: event-counts' replay run waiting for its 200 events). Cluster
   * executors are JVMs of their own application and start with an empty cache.
   */
  private static void forgetOpenReaders() {
    try {
      MicrobatchSource.clearCache();
    } catch (NullPointerException noReaderYet) {
      // The cache is created by the first read in this JVM; before that there is nothing to clear.
    }
  }
}
