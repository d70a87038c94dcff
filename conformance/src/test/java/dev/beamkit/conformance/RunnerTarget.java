package dev.beamkit.conformance;

import dev.beamkit.pipelines.runtime.RunnerProfile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;

/**
 * Where a conformance test runs a pipeline. Each target is one file of {@code runners-config/}, the
 * options a user runs with, plus the few options a test run needs on top; nothing else differs
 * between targets. Cluster targets take the cluster's address as an extra option ({@code
 * --flinkMaster=host:port}, {@code --sparkMaster=spark://host:port}).
 */
public enum RunnerTarget {
  /** The DirectRunner in this JVM. */
  DIRECT("direct.properties"),
  /** The FlinkRunner on an in-JVM mini cluster ({@code --flinkMaster=[local]}). */
  FLINK_LOCAL("flink-local.properties"),
  /** The FlinkRunner submitting to a Flink session cluster. */
  FLINK_CLUSTER("flink-cluster.properties"),
  /** The SparkRunner with {@code --sparkMaster=local[2]}. */
  SPARK_LOCAL("spark-local.properties"),
  /** The SparkRunner driving a Spark standalone cluster. */
  SPARK_CLUSTER("spark-cluster.properties");

  /** Tests run with the module directory as working directory, beside runners-config/. */
  private static final Path CONFIG_DIR = Path.of("../runners-config");

  private final String file;

  /** The targets that run in the test JVM, with no cluster to start. */
  static Stream<RunnerTarget> local() {
    return Stream.of(DIRECT, FLINK_LOCAL, SPARK_LOCAL);
  }

  /** The conformance matrix: every target each Kafka-fed pipeline is run on. */
  static Stream<RunnerTarget> all() {
    return Stream.of(DIRECT, FLINK_LOCAL, FLINK_CLUSTER, SPARK_LOCAL, SPARK_CLUSTER);
  }

  RunnerTarget(String file) {
    this.file = file;
  }

  /** The runners-config file of this target. */
  public Path configFile() {
    return CONFIG_DIR.resolve(file);
  }

  /**
   * Beam arguments for a test run: the config file's options, then what a test run needs on top,
   * then {@code extra}; a later option replaces an earlier one of the same name.
   */
  public String[] args(String... extra) {
    List<String> args = new ArrayList<>(List.of("--config=" + configFile()));
    args.addAll(testOptions());
    args.addAll(List.of(extra));
    return RunnerProfile.of(args.toArray(new String[0])).args();
  }

  private List<String> testOptions() {
    // Spark streaming resumes from whatever checkpoint its directory holds: a Spark run must not
    // pick up an earlier run's job graph, so each gets a fresh --checkpointDir.
    switch (this) {
      case DIRECT:
        // The run must return while the stream goes on; the test waits on its output.
        return List.of("--blockOnRun=false");
      case FLINK_LOCAL:
        return List.of("--flinkConfDir=" + FlinkLocalJobs.configDir());
      case FLINK_CLUSTER:
        return List.of(
            "--flinkMaster=" + Clusters.flink().restAddress(),
            "--filesToStage=" + ClusterJobJars.filesToStage("flink"),
            // Checkpoints beside the cluster's logs, not in the config file's /tmp folder.
            "--stateBackendStoragePath=" + Clusters.flinkCheckpoints().toUri(),
            // A name of its own, to find the job in the cluster's job list.
            "--jobName=" + Topics.unique("beamkit-flink-cluster"));
      case SPARK_LOCAL:
        return List.of("--checkpointDir=" + freshDirectory("beamkit-spark-checkpoint"));
      case SPARK_CLUSTER:
        return List.of(
            "--checkpointDir=" + freshDirectory("beamkit-spark-checkpoint"),
            "--sparkMaster=" + Clusters.spark().masterUrl(),
            "--filesToStage=" + ClusterJobJars.filesToStage("spark"),
            // A name of its own, to find the application in the master's list.
            "--appName=" + Topics.unique("beamkit-spark-cluster"));
      default:
        return List.of();
    }
  }

  /**
   * Starts {@code pipeline} (built from {@link #args}) and returns while it runs, with a result
   * that reports counters and can be cancelled.
   */
  public PipelineResult start(Pipeline pipeline) {
    switch (this) {
      case FLINK_LOCAL:
        return FlinkLocalJobs.start(pipeline);
      case FLINK_CLUSTER:
        return new FlinkClusterJob(pipeline.run(), pipeline.getOptions().getJobName());
      case SPARK_LOCAL:
        SparkRuns.forgetEarlierRuns();
        return pipeline.run();
      case SPARK_CLUSTER:
        SparkRuns.forgetEarlierRuns();
        return SparkDriver.run(pipeline);
      default:
        return pipeline.run();
    }
  }

  /**
   * Whether the runner reports Beam's counters while the job runs. The FlinkRunner on a local
   * cluster does not: its counters arrive with the result of a job that has ended. On the Flink
   * session cluster they are read from the REST API's task metrics instead ({@link
   * FlinkClusterJob}). The SparkRunner reports them on a cluster too: the executors' counters
   * reach the driver, in this JVM, with every finished task (a Spark accumulator).
   */
  public boolean reportsCountersWhileRunning() {
    return this != FLINK_LOCAL;
  }

  private static Path freshDirectory(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
