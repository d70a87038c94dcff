package dev.beamkit.pipelines.runtime;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.runners.spark.io.MicrobatchSource;
import org.apache.beam.runners.spark.metrics.MetricsAccumulator;
import org.apache.beam.runners.spark.util.GlobalWatermarkHolder;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;

/**
 * Starts a SparkRunner run, whose driver lives in this JVM: the home of Spark's quirks. Beam's
 * options cannot pass Spark settings; SparkConf reads {@code spark.*} system properties when the
 * SparkRunner creates its context in {@code run()}, so they are set for that call only, and a
 * value the JVM already has ({@code JAVA_TOOL_OPTIONS=-Dspark.default.parallelism=2}) wins.
 */
final class SparkDriverRun {
  private SparkDriverRun() {}

  /**
   * Runs {@code pipeline} with the driver's settings in place while Spark reads them, after
   * forgetting what an earlier run in this JVM left behind.
   *
   * @param splits Spark's default parallelism: how many splits the SparkRunner cuts a source into
   */
  static synchronized PipelineResult run(Pipeline pipeline, int splits) {
    forgetEarlierRuns();
    SparkCheckpointOptions.record(pipeline.getOptions());
    Map<String, String> settings = new LinkedHashMap<>();
    // One Kafka split (splits=1). The SparkRunner splits a source into defaultParallelism parts
    // (KafkaIO rounds up to a divisor of the partition count: 3 splits for 3 partitions) and sets
    // the source's watermark to the LARGEST split watermark (SparkUnboundedSource,
    // apache/beam#19411): a split that lags behind the others (a backlog read at start-up, a
    // cluster's splits whose first reads start seconds apart) would have its records dropped as
    // too late. One split reads every partition and its reader takes the smallest partition
    // watermark. It also makes each stage of a micro-batch one task.
    settings.put("spark.default.parallelism", Integer.toString(splits));
    if (System.getenv("SPARK_LOCAL_IP") == null) {
      // Spark advertises the machine's LAN address by default; the servers beamkit starts listen
      // on loopback only, so the driver must too. SPARK_LOCAL_IP (bin/beamkit sets it) says
      // otherwise for a driver that executors on other machines must reach.
      settings.put("spark.driver.host", "127.0.0.1");
      settings.put("spark.driver.bindAddress", "127.0.0.1");
    }
    Map<String, String> previous = new LinkedHashMap<>();
    settings.forEach(
        (key, value) -> {
          if (System.getProperty(key) == null) {
            previous.put(key, System.setProperty(key, value));
          }
        });
    try {
      return pipeline.run();
    } finally {
      previous.keySet().forEach(System::clearProperty);
    }
  }

  /**
   * The SparkRunner keeps its counters, its sources' watermarks and its open source readers in
   * JVM-wide singletons, made for one pipeline per JVM: a second run in the same JVM would start
   * with the first run's counters and watermarks (and so drop its data as late). Beam's own
   * TestSparkRunner clears the first two before every run; beamkit clears all three.
   */
  private static void forgetEarlierRuns() {
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
