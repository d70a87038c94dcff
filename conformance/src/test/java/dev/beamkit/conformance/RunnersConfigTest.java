package dev.beamkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamkit.pipelines.PipelineLauncher;
import dev.beamkit.pipelines.runtime.RunnerProfile;
import dev.beamkit.pipelines.options.BeamkitOptions;
import dev.beamkit.pipelines.options.OptionError;
import dev.beamkit.pipelines.sensors.SensorDownsample;
import java.io.IOException;
import java.nio.file.Files;
import org.apache.beam.runners.direct.DirectRunner;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.FlinkRunner;
import org.apache.beam.runners.spark.SparkPipelineOptions;
import org.apache.beam.runners.spark.SparkRunner;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.options.StreamingOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every runners-config file, cluster ones included, is a set of options its runner accepts (a
 * misspelt option name or value fails here, not on a cluster) and says what the README says.
 */
class RunnersConfigTest {
  /** The options of the target's file alone, as a user's `--config` gives them (no test additions). */
  private static BeamkitOptions options(RunnerTarget target) {
    String[] fileOnly = RunnerProfile.of("--config=" + target.configFile()).args();
    return PipelineOptionsFactory.fromArgs(fileOnly).withValidation().as(BeamkitOptions.class);
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(RunnerTarget.class)
  void everyFileIsAStreamingJobWithCommentsAndOptionsItsRunnerKnows(RunnerTarget target) throws IOException {
    assertTrue(options(target).as(StreamingOptions.class).isStreaming(), "streaming=true");
    assertTrue(Files.readString(target.configFile()).startsWith("# "), "starts with a comment");
  }

  @Test
  void eachFileNamesItsRunner() {
    assertEquals(DirectRunner.class, options(RunnerTarget.DIRECT).getRunner());
    assertEquals(FlinkRunner.class, options(RunnerTarget.FLINK_LOCAL).getRunner());
    assertEquals(FlinkRunner.class, options(RunnerTarget.FLINK_CLUSTER).getRunner());
    assertEquals(SparkRunner.class, options(RunnerTarget.SPARK_LOCAL).getRunner());
    assertEquals(SparkRunner.class, options(RunnerTarget.SPARK_CLUSTER).getRunner());
  }

  @Test
  void directAndFlinkUseTheStatefulWindowEngineAndSparkBeams() {
    for (RunnerTarget target : RunnerTarget.values()) {
      String expected = target.name().startsWith("SPARK") ? "beam" : "stateful";
      assertEquals(expected, options(target).getWindowEngine(), target.name());
    }
  }

  /** The stateful engine on Spark fails at launch, in one line naming the option. */
  @ParameterizedTest(name = "{0}")
  @EnumSource(value = RunnerTarget.class, names = {"SPARK_LOCAL", "SPARK_CLUSTER"})
  void sparkRefusesTheStatefulWindowEngineInOneLine(RunnerTarget target) {
    String[] args =
        RunnerProfile.of("--config=" + target.configFile(), "--windowEngine=stateful").args();
    OptionError error =
        assertThrows(
            OptionError.class, () -> PipelineLauncher.create(new SensorDownsample(), args));
    assertEquals(
        "--windowEngine=stateful: not on SparkRunner: Beam 2.62's Spark runner has no event-time"
            + " timers in streaming; use --windowEngine=beam there",
        error.getMessage());
  }

  /** --exactlyOnce where the runner cannot keep it fails at launch, in one line naming the option. */
  @ParameterizedTest(name = "{0}")
  @EnumSource(value = RunnerTarget.class, names = {"DIRECT", "SPARK_LOCAL", "SPARK_CLUSTER"})
  void exactlyOnceIsRefusedWhereTheRunnerCannotKeepIt(RunnerTarget target) {
    String expected =
        target == RunnerTarget.DIRECT
            ? "--exactlyOnce=true: not on DirectRunner: it keeps no checkpoint, so a restarted job"
                + " cannot tell what it already wrote; use FlinkRunner"
            : "--exactlyOnce=true: not on SparkRunner: Beam 2.62's Spark runner gives no stable input"
                + " (@RequiresStableInput), so a retried micro-batch could write its records again;"
                + " use FlinkRunner";
    assertEquals(expected, launchError("--config=" + target.configFile(), "--exactlyOnce"));
  }

  /** On Flink it needs exactly-once checkpoints, which a job fails without only on its tasks. */
  @Test
  void exactlyOnceOnFlinkNeedsExactlyOnceCheckpoints() {
    assertEquals(
        "--exactlyOnce=true: needs Flink checkpoints: set --checkpointingInterval (milliseconds,"
            + " e.g. 2000); results become visible to read_committed consumers at each checkpoint",
        launchError("--runner=FlinkRunner", "--streaming", "--exactlyOnce"));
    assertEquals(
        "--exactlyOnce=true: needs --checkpointingMode=EXACTLY_ONCE, not AT_LEAST_ONCE",
        launchError(
            "--config=" + RunnerTarget.FLINK_LOCAL.configFile(), "--checkpointingMode=AT_LEAST_ONCE", "--exactlyOnce"));
    String[] args =
        RunnerProfile.of(
            new String[] {"--config=" + RunnerTarget.FLINK_LOCAL.configFile(), "--exactlyOnce"}).args();
    assertTrue(
        PipelineLauncher.create(new SensorDownsample(), args)
            .getOptions()
            .as(BeamkitOptions.class)
            .getExactlyOnce());
  }

  /**
   * A start from a savepoint would read the input twice with Beam 2.62's Flink source, the one
   * KafkaIO picks on the FlinkRunner unless told to use its splittable-DoFn read.
   */
  @Test
  void aFlinkSavepointRestoreIsRefusedInOneLineWithoutTheSplittableRead() {
    assertEquals(
        "--savepointPath=file:/tmp/savepoint-1: Beam 2.62's Flink runner reads the input again from"
            + " --startFrom beside the savepoint's offsets (apache/beam#31313), counting readings"
            + " twice; run the job that takes the savepoint and the resumed one with"
            + " --experiments=use_sdf_read",
        launchError(
            "--config=" + RunnerTarget.FLINK_CLUSTER.configFile(), "--savepointPath=file:/tmp/savepoint-1"));
  }

  /** With KafkaIO's splittable-DoFn read the savepoint holds the offsets exactly (SavepointResumeIT). */
  @Test
  void aFlinkSavepointRestoreIsTakenWithTheSplittableRead() {
    String[] args =
        RunnerProfile.of(
                "--config=" + RunnerTarget.FLINK_CLUSTER.configFile(),
                "--savepointPath=file:/tmp/savepoint-1",
                "--experiments=use_sdf_read")
            .args();
    assertEquals(
        "file:/tmp/savepoint-1",
        PipelineLauncher.create(new SensorDownsample(), args)
            .getOptions()
            .as(FlinkPipelineOptions.class)
            .getSavepointPath());
  }

  private static String launchError(String... args) {
    String[] all = RunnerProfile.of(args).args();
    return assertThrows(OptionError.class, () -> PipelineLauncher.create(new SensorDownsample(), all))
        .getMessage();
  }

  @Test
  void flinkRunsWithTwoTasksAndExactlyOnceCheckpoints() {
    FlinkPipelineOptions local = options(RunnerTarget.FLINK_LOCAL).as(FlinkPipelineOptions.class);
    assertEquals("[local]", local.getFlinkMaster());
    assertEquals(2, local.getParallelism());
    assertEquals(10_000L, local.getCheckpointingInterval());
    assertEquals("EXACTLY_ONCE", local.getCheckpointingMode());

    FlinkPipelineOptions cluster = options(RunnerTarget.FLINK_CLUSTER).as(FlinkPipelineOptions.class);
    assertEquals("127.0.0.1:8081", cluster.getFlinkMaster());
    assertEquals(2, cluster.getParallelism());
    assertEquals(false, cluster.getAttachedMode());
    assertEquals("filesystem", cluster.getStateBackend());
    assertEquals("file:///tmp/beamkit-flink-checkpoints", cluster.getStateBackendStoragePath());
  }

  @Test
  void sparkRunsOneSecondMicroBatchesLocallyAndTwoSecondOnesOnACluster() {
    SparkPipelineOptions local = options(RunnerTarget.SPARK_LOCAL).as(SparkPipelineOptions.class);
    assertEquals("local[2]", local.getSparkMaster());
    assertEquals(1_000L, local.getBatchIntervalMillis());

    SparkPipelineOptions cluster = options(RunnerTarget.SPARK_CLUSTER).as(SparkPipelineOptions.class);
    assertEquals("spark://127.0.0.1:7077", cluster.getSparkMaster());
    assertEquals(2_000L, cluster.getBatchIntervalMillis());
  }

  /**
   * Spark resumes whatever job graph a checkpoint directory holds, so two pipelines must never
   * share one: the files leave it to the runner's default, a directory per job name.
   */
  @ParameterizedTest(name = "{0}")
  @EnumSource(value = RunnerTarget.class, names = {"SPARK_LOCAL", "SPARK_CLUSTER"})
  void sparkCheckpointsEachPipelineInADirectoryOfItsOwn(RunnerTarget target) {
    PipelineOptions options = options(target);
    options.setJobName("beamkit-event-counts");
    assertEquals("/tmp/beamkit-event-counts", options.as(SparkPipelineOptions.class).getCheckpointDir());
  }
}
