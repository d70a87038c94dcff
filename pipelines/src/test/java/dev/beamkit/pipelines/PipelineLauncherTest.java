package dev.beamkit.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamkit.pipelines.options.BeamkitOptions;
import dev.beamkit.pipelines.sensors.SensorDownsample;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.ApplicationNameOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The launcher builds a pipeline from a config file and the command line ({@code RunnerProfileTest} has the merge rules). */
class PipelineLauncherTest {
  @TempDir Path dir;

  @Test
  void theCommandLineWinsOverTheFile() throws IOException {
    Path file = Files.writeString(dir.resolve("runner.properties"), "runner=DirectRunner\nwindowSize=10s\nstreaming=true\n");
    // Beam itself refuses an option given twice, so the override must reach it alone.
    Pipeline pipeline =
        PipelineLauncher.create(
            new SensorDownsample(), new String[] {"--config=" + file, "--windowSize=2s", "--streaming=false"});
    BeamkitOptions options = pipeline.getOptions().as(BeamkitOptions.class);
    assertEquals("2s", options.getWindowSize());
    assertEquals(false, options.isStreaming());
  }

  @Test
  void jobAndApplicationAreNamedAfterThePipelineUnlessGiven() {
    Pipeline named = PipelineLauncher.create(new SensorDownsample(), new String[] {});
    assertEquals("beamkit-sensor-downsample", named.getOptions().getJobName());
    assertEquals(
        "beamkit-sensor-downsample", named.getOptions().as(ApplicationNameOptions.class).getAppName());

    Pipeline given =
        PipelineLauncher.create(new SensorDownsample(), new String[] {"--appName=mine", "--jobName=job"});
    assertEquals("job", given.getOptions().getJobName());
    assertEquals("mine", given.getOptions().as(ApplicationNameOptions.class).getAppName());
  }
}
