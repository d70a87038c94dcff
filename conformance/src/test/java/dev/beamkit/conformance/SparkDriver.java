package dev.beamkit.conformance;

import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;

/**
 * Starts a {@link RunnerTarget#SPARK_CLUSTER} run, whose Spark driver lives in the test JVM while
 * the executors run on the cluster and connect back to it. Beam's options cannot pass Spark
 * settings; SparkConf reads {@code spark.*} system properties when the SparkRunner creates its
 * context in {@code run()}, so they are set for that call only and the {@code local[n]} runs of
 * the same JVM keep Spark's defaults.
 */
final class SparkDriver {
  private static final Map<String, String> CLUSTER_SETTINGS = new LinkedHashMap<>();

  static {
    // Spark advertises the machine's LAN address by default; the cluster listens on loopback
    // only, so the driver must too.
    CLUSTER_SETTINGS.put("spark.driver.host", "127.0.0.1");
    CLUSTER_SETTINGS.put("spark.driver.bindAddress", "127.0.0.1");
    // The Worker offers 1 GB to executors; Spark's default executor asks for all of it.
    CLUSTER_SETTINGS.put("spark.executor.memory", "768m");
    // One Kafka split. The SparkRunner splits a source into defaultParallelism parts (KafkaIO
    // rounds up to a divisor of the partition count: 3 splits for 3 partitions) and sets the
    // source's watermark to the LARGEST split watermark (SparkUnboundedSource, apache/beam#19411).
    // On the cluster the splits' first reads start seconds apart, so one split's records could
    // already be behind the watermark its faster siblings set, and be dropped as too late. One
    // split reads every partition and its reader takes the smallest partition watermark. It also
    // makes each stage of a micro-batch one task instead of three on the Worker's two cores.
    CLUSTER_SETTINGS.put("spark.default.parallelism", "1");
  }

  private SparkDriver() {}

  /** Runs {@code pipeline} with the cluster settings in place while Spark reads them. */
  static synchronized PipelineResult run(Pipeline pipeline) {
    Map<String, String> previous = new LinkedHashMap<>();
    CLUSTER_SETTINGS.forEach((key, value) -> previous.put(key, System.setProperty(key, value)));
    try {
      return pipeline.run();
    } finally {
      previous.forEach(
          (key, value) -> {
            if (value == null) {
              System.clearProperty(key);
            } else {
              System.setProperty(key, value);
            }
          });
    }
  }
}
