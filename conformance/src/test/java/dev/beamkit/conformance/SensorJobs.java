package dev.beamkit.conformance;

import dev.beamkit.localstack.LocalStack;
import dev.beamkit.pipelines.replay.ReplayRecord;
import dev.beamkit.pipelines.replay.TestdataFile;
import dev.beamkit.pipelines.runtime.RunningJob;
import dev.beamkit.pipelines.sensors.SensorDownsample;
import dev.beamkit.transforms.time.EventTimeExtractor;
import dev.beamkit.transforms.time.EventTimeParser;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sensor-downsample runs of the conformance tests: {@code testdata/} sensor files as Kafka
 * records, and the pipeline started on a target against the shared broker.
 */
final class SensorJobs {
  /** The readings of SensorDownsampleIT and the tests that reuse its input. */
  static final Path SENSORS = Path.of("../testdata/sensors.jsonl");

  private SensorJobs() {}

  /** The records of {@code file} as the replay tool writes them: keys kept, event time from {@code ts}. */
  static List<ReplayRecord> records(Path file) {
    return TestdataFile.read(file, EventTimeExtractor.field("ts", EventTimeParser.auto()));
  }

  /**
   * Starts sensor-downsample on {@code target}, reading {@code in} on the shared broker with a 1 s
   * idle timeout; {@code more} adds options (sink, output topic, dead-letter topic...) or replaces
   * those (the last of an option wins).
   */
  static RunningJob start(RunnerTarget target, LocalStack stack, String in, String... more) {
    return start(target, stack.bootstrapServers(), in, more);
  }

  /**
   * The arguments of {@code bin/beamkit run sensor-downsample} on {@code target} against {@code
   * bootstrapServers}: the target's option file, the three topics, {@code more}, and on Spark
   * {@code checkpointDir} (with the runner's default directory a run would resume an older run's
   * checkpoint).
   */
  static String[] runArgs(
      RunnerTarget target, String bootstrapServers, Path checkpointDir, String in, String out, String deadLetters, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "sensor-downsample",
                "--config=" + target.configFile(),
                "--bootstrapServers=" + bootstrapServers,
                "--inputTopic=" + in,
                "--outputTopic=" + out,
                "--deadLetterTopic=" + deadLetters));
    args.addAll(List.of(more));
    if (target == RunnerTarget.SPARK_LOCAL) {
      args.add("--checkpointDir=" + checkpointDir);
    }
    return args.toArray(new String[0]);
  }

  /** {@link #start(RunnerTarget, LocalStack, String, String...)} against a broker of the test's own. */
  static RunningJob start(RunnerTarget target, String bootstrapServers, String in, String... more) {
    List<String> args = new ArrayList<>(List.of("--bootstrapServers=" + bootstrapServers, "--inputTopic=" + in, "--idleTimeout=1s"));
    args.addAll(List.of(more));
    return target.start(new SensorDownsample(), args.toArray(new String[0]));
  }
}
