package dev.beamkit.pipelines.runtime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.beamkit.pipelines.options.BeamkitOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.runners.direct.DirectOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How {@code --config FILE} and the command line combine into one set of Beam options. */
class RunnerProfileTest {
  @TempDir Path dir;

  private Path config(String text) throws IOException {
    Path file = dir.resolve("runner.properties");
    Files.writeString(file, text);
    return file;
  }

  @Test
  void fileOptionsComeFirstInNameOrder() throws IOException {
    Path file = config("# a runner\nstreaming=true\nrunner=DirectRunner\n");
    assertArrayEquals(
        new String[] {"--runner=DirectRunner", "--streaming=true", "--windowSize=5s"},
        RunnerProfile.of("--config", file.toString(), "--windowSize=5s").args());
  }

  @Test
  void theCommandLineWinsOverTheFile() throws IOException {
    Path file = config("runner=DirectRunner\nwindowSize=10s\nstreaming=true\n");
    String[] args = RunnerProfile.of("--config=" + file, "--windowSize=2s", "--streaming=false").args();
    assertArrayEquals(new String[] {"--runner=DirectRunner", "--windowSize=2s", "--streaming=false"}, args);
  }

  @Test
  void ofAnOptionGivenTwiceTheLastWinsWhereverItCameFrom() throws IOException {
    Path file = config("runner=DirectRunner\nidleTimeout=5s\n");
    RunnerProfile profile =
        RunnerProfile.of("--idleTimeout=1s", "--config", file.toString(), "--windowSize=2s", "--idleTimeout=3s");
    assertArrayEquals(new String[] {"--runner=DirectRunner", "--windowSize=2s", "--idleTimeout=3s"}, profile.args());
    // Beam refuses an option given twice; the merged options reach it once.
    assertEquals("3s", profile.options(BeamkitOptions.class).getIdleTimeout());
    assertEquals("4s", profile.with("--idleTimeout=4s").options(BeamkitOptions.class).getIdleTimeout());
    assertEquals("3s", profile.withDefaults("--idleTimeout=9s").get("idleTimeout"));
  }

  @Test
  void aBadArgumentIsOneLineNamingIt() {
    IllegalArgumentException notAnOption = assertThrows(IllegalArgumentException.class, () -> RunnerProfile.of("--windowSize=2s", "windowSize=3s"));
    assertEquals("'windowSize=3s': not an option; give options as --name=value", notAnOption.getMessage());

    Path missing = dir.resolve("missing.properties");
    IllegalArgumentException unreadable = assertThrows(IllegalArgumentException.class, () -> RunnerProfile.of("--config=" + missing));
    assertEquals("--config=" + missing + ": cannot read: " + missing, unreadable.getMessage());

    IllegalArgumentException noFile = assertThrows(IllegalArgumentException.class, () -> RunnerProfile.of("--config"));
    assertFalse(noFile.getMessage().contains("\n"));
    assertEquals("--config", noFile.getMessage().substring(0, "--config".length()));
  }

  @Test
  void theDirectRunnerReturnsFromRunUnlessTheUserSaysOtherwise() {
    assertFalse(RunnerProfile.of().options(DirectOptions.class).isBlockOnRun());
    assertEquals(true, RunnerProfile.of("--blockOnRun=true").options(DirectOptions.class).isBlockOnRun());
    // Only Beam sees the quirk: the profile keeps the options as given.
    assertNull(RunnerProfile.of().get("blockOnRun"));
  }

  @Test
  void theKindOfRunFollowsRunnerAndMaster() {
    assertEquals(RunnerKind.DIRECT, RunnerProfile.of().runner());
    assertEquals(RunnerKind.FLINK_LOCAL, RunnerProfile.of("--runner=FlinkRunner").runner());
    assertEquals(RunnerKind.FLINK_LOCAL, RunnerProfile.of("--runner=FlinkRunner", "--flinkMaster=[local]").runner());
    assertEquals(RunnerKind.FLINK_CLUSTER, RunnerProfile.of("--runner=FlinkRunner", "--flinkMaster=127.0.0.1:8081").runner());
    assertEquals(RunnerKind.SPARK_LOCAL, RunnerProfile.of("--runner=SparkRunner", "--sparkMaster=local[2]").runner());
    assertEquals(
        RunnerKind.SPARK_CLUSTER,
        RunnerProfile.of("--runner=org.apache.beam.runners.spark.SparkRunner", "--sparkMaster=spark://127.0.0.1:7077").runner());
  }

  @Test
  void onlySparkGetsAFreshCheckpointDirectory() {
    RunnerProfile spark = RunnerProfile.of("--runner=SparkRunner").withFreshCheckpoints();
    assertEquals(true, Files.isDirectory(Path.of(spark.get("checkpointDir"))));
    assertNull(RunnerProfile.of("--runner=FlinkRunner").withFreshCheckpoints().get("checkpointDir"));
  }
}
