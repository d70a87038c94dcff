package dev.beamkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamkit.pipelines.PipelineLauncher;
import dev.beamkit.pipelines.options.OptionError;
import dev.beamkit.pipelines.runtime.SparkCheckpointOptions;
import dev.beamkit.pipelines.sensors.SensorDownsample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.Pipeline;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A Spark streaming run started again on its checkpoint directory resumes the first run's job
 * graph, whatever the new command line says: a changed option that shapes the graph is refused in
 * one line, before the job starts; options read outside the graph may change.
 */
class SparkCheckpointOptionsTest {
  @TempDir Path checkpoint;

  @Test
  void aRestartWithAnotherWindowSizeIsRefusedInOneLine() {
    firstRunCheckpointed("--windowSize=10s");
    assertEquals(
        "--windowSize=20s: the Spark checkpoint in " + checkpoint + " was started with 10s, and Spark"
            + " would resume its old job graph, ignoring the change; give 10s again, or a new"
            + " --checkpointDir to start afresh",
        restartError("--windowSize=20s"));
  }

  @Test
  void aRestartWithAnotherTopicOrStartIsRefused() {
    firstRunCheckpointed();
    assertEquals("inputTopic", optionOf(restartError("--inputTopic=other-readings")));
    assertEquals("startFrom", optionOf(restartError("--startFrom=latest")));
    assertEquals("batchIntervalMillis", optionOf(restartError("--batchIntervalMillis=2000")));
  }

  @Test
  void aRestartWithTheSameOptionsOrAnotherStatusIntervalGoesOn() {
    firstRunCheckpointed();
    create();
    create("--statusEvery=1m");
  }

  /** A start that ended before Spark wrote a checkpoint leaves nothing to resume: the next start records anew. */
  @Test
  void withoutASparkCheckpointAnyOptionsStartAfresh() {
    SparkCheckpointOptions.record(create().getOptions());
    SparkCheckpointOptions.record(create("--windowSize=20s").getOptions());
    sparkCheckpointWritten();
    assertEquals("windowSize", optionOf(restartError("--windowSize=10s")));
  }

  @Test
  void otherRunnersKeepNoRecord() {
    Pipeline flink =
        PipelineLauncher.create(
            new SensorDownsample(), RunnerTarget.FLINK_LOCAL.args("--checkpointDir=" + checkpoint));
    SparkCheckpointOptions.record(flink.getOptions());
    assertFalse(Files.exists(checkpoint.resolve("beamkit-options.properties")));
  }

  /** A directory on HDFS or S3 is not this machine's to read: left unchecked, and no local "hdfs:" folder made. */
  @Test
  void aRemoteCheckpointDirectoryIsNotChecked() {
    Pipeline remote =
        PipelineLauncher.create(
            new SensorDownsample(), RunnerTarget.SPARK_LOCAL.args("--checkpointDir=hdfs://127.0.0.1:8020/beamkit"));
    SparkCheckpointOptions.record(remote.getOptions());
    assertFalse(Files.exists(Path.of("hdfs:")));
  }

  private void firstRunCheckpointed(String... options) {
    SparkCheckpointOptions.record(create(options).getOptions());
    sparkCheckpointWritten();
  }

  /** What Spark writes with every batch, and resumes from. */
  private void sparkCheckpointWritten() {
    try {
      Files.createDirectories(checkpoint.resolve("spark-checkpoint"));
      Files.writeString(checkpoint.resolve("spark-checkpoint/checkpoint-1000"), "a batch");
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }

  private Pipeline create(String... options) {
    String[] more = new String[options.length + 1];
    more[0] = "--checkpointDir=" + checkpoint;
    System.arraycopy(options, 0, more, 1, options.length);
    return PipelineLauncher.create(new SensorDownsample(), RunnerTarget.SPARK_LOCAL.args(more));
  }

  private String restartError(String... options) {
    return assertThrows(OptionError.class, () -> create(options)).getMessage();
  }

  private static String optionOf(String message) {
    return message.substring(2, message.indexOf('='));
  }
}
