package dev.beamkit.conformance;

import dev.beamkit.localstack.FlinkCluster;
import dev.beamkit.localstack.SparkCluster;
import java.nio.file.Path;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The Flink session cluster and the Spark standalone cluster of this test JVM, each started on
 * first use and shared by every cluster test; they stop when the JVM exits (the localstack
 * launchers register that hook), since a cluster start costs 10-30 s. Their logs stay in
 * {@code target/flink-cluster} and {@code target/spark-cluster} (executor logs under {@code
 * scratch/work}) for a look after a failure.
 */
final class Clusters {
  private static final Path FLINK_DIR = Path.of("target/flink-cluster");
  private static @Nullable FlinkCluster flink;
  private static @Nullable SparkCluster spark;

  private Clusters() {}

  /**
   * The Flink 1.19 session cluster: a JobManager and one TaskManager with 2 slots, the parallelism
   * of the jobs.
   */
  static synchronized FlinkCluster flink() {
    if (flink == null) {
      flink = FlinkCluster.builder()
              .slotsPerTaskManager(2)
              .heap("1g")
              .workDirectory(FLINK_DIR)
              .start();
    }
    return flink;
  }

  /** Where the jobs on the Flink cluster keep their checkpoints: deleted with its scratch data. */
  static Path flinkCheckpoints() {
    return FLINK_DIR.resolve("scratch/checkpoints").toAbsolutePath();
  }

  /** The Spark 3.5 standalone cluster: a Master and one Worker with 2 cores. */
  static synchronized SparkCluster spark() {
    if (spark == null) {
      // The Worker offers 1 GB to executors; Spark's default executor asks for all of it. The
      // driver (this JVM) reads it from a system property; local[n] runs ignore it.
      System.setProperty("spark.executor.memory", "768m");
      spark = SparkCluster.builder()
              .cores(2)
              .workerMemory("1g")
              .workDirectory(Path.of("target/spark-cluster"))
              .start();
    }
    return spark;
  }
}
