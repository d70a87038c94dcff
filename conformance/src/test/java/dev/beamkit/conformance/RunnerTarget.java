package dev.beamkit.conformance;

import dev.beamkit.pipelines.BeamkitPipeline;
import dev.beamkit.pipelines.PipelineLauncher;
import dev.beamkit.pipelines.runtime.RunnerProfile;
import dev.beamkit.pipelines.runtime.RunningJob;
import java.nio.file.Path;
import java.util.stream.Stream;

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
   * The options of a test run: the config file's, then what a test run needs on top, then {@code
   * extra}; of an option given twice the later one wins ({@link RunnerProfile}).
   */
  public RunnerProfile profile(String... extra) {
    return RunnerProfile.of("--config=" + configFile()).with(testOptions()).withFreshCheckpoints().with(extra);
  }

  /** {@link #profile}'s options as arguments. */
  public String[] args(String... extra) {
    return profile(extra).args();
  }

  /**
   * The options a test run needs beyond the file's. Every runner quirk is the runner runtime's
   * (dev.beamkit.pipelines.runtime); what is left is where this JVM's clusters are and names to
   * find a job by. Spark runs each get a fresh --checkpointDir ({@link
   * RunnerProfile#withFreshCheckpoints}): a run must not resume an earlier run's job graph.
   */
  private String[] testOptions() {
    switch (this) {
      case FLINK_CLUSTER:
        return new String[] {
          "--flinkMaster=" + Clusters.flink().restAddress(),
          "--filesToStage=" + ClusterJobJars.filesToStage("flink"),
          // Checkpoints beside the cluster's logs, not in the config file's /tmp folder.
          "--stateBackendStoragePath=" + Clusters.flinkCheckpoints().toUri(),
          // A name of its own, to find the job in the cluster's job list.
          "--jobName=" + Topics.unique("beamkit-flink-cluster")
        };
      case SPARK_CLUSTER:
        return new String[] {
          "--sparkMaster=" + Clusters.spark().masterUrl(),
          "--filesToStage=" + ClusterJobJars.filesToStage("spark"),
          // A name of its own, to find the application in the master's list.
          "--appName=" + Topics.unique("beamkit-spark-cluster")
        };
      default:
        return new String[0];
    }
  }

  /**
   * Builds {@code job} from {@link #profile}{@code (args)}, checks its servers and topics as a
   * user's launch does, and starts it. The launch creates the output and dead-letter topics the
   * job misses ({@code --createTopics}, which {@code args} may turn off): the test broker, like a
   * production one, creates no topic on first write, and tests create the input topics they fill.
   */
  public RunningJob start(BeamkitPipeline<?, ?> job, String... args) {
    return PipelineLauncher.launch(job, profile("--createTopics").with(args).args());
  }
}
