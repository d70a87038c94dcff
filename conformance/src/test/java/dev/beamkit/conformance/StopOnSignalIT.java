package dev.beamkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.beamkit.localstack.LocalStack;
import dev.beamkit.pipelines.kafka.TopicReader;
import dev.beamkit.pipelines.replay.ReplayRecord;
import dev.beamkit.pipelines.replay.TestdataFile;
import dev.beamkit.transforms.time.EventTimeExtractor;
import dev.beamkit.transforms.time.EventTimeParser;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Stopping a run as a user does: sensor-downsample runs through {@code bin/beamkit run} (its own
 * JVM) on a real broker until it has written windows; then it gets Ctrl-C (SIGINT) or SIGTERM and
 * must be gone within 15 s, its counters printed, and no process it started left behind. Before
 * {@code StopPolicy}, Spark local printed its counters and then hung for minutes (Hadoop's and
 * Spark's own shutdown hooks waiting for each other) until SIGKILL.
 *
 * <p>While it runs, the status line ({@code --statusEvery=2s}) must show the counters the runner
 * reports on every runner: parsed records and written results (Flink local's from its tasks'
 * metrics, {@code FlinkLocalMetrics}).
 */
class StopOnSignalIT {
  private static final Duration STOP_LIMIT = Duration.ofSeconds(15);
  private static final Path SENSORS = Path.of("../testdata/sensors.jsonl");
  /** A status line with every field a number, e.g. {@code status: parsed=1200 ... input-lag=8.6e7s}. */
  private static final Pattern COUNTED =
      Pattern.compile("status: parsed=(\\d+) dead-lettered=(\\d+) dropped/too-late=(\\d+) written=(\\d+) input-lag=(\\d+)s");

  private final LocalStack stack = LocalStack.shared();

  static Stream<Arguments> runnersAndSignals() {
    return Stream.of(
        Arguments.of(RunnerTarget.DIRECT, "INT"),
        Arguments.of(RunnerTarget.FLINK_LOCAL, "INT"),
        Arguments.of(RunnerTarget.SPARK_LOCAL, "INT"),
        Arguments.of(RunnerTarget.SPARK_LOCAL, "TERM"));
  }

  @ParameterizedTest(name = "{0} SIG{1}")
  @MethodSource("runnersAndSignals")
  void aSignalEndsTheRunWithinFifteenSecondsWithCountersPrintedAndNoProcessLeft(RunnerTarget target, String signal)
      throws Exception {
    String in = Topics.unique("raw-temp-data");
    String out = Topics.unique("agg-temperature");
    List<ReplayRecord> readings = TestdataFile.read(SENSORS, EventTimeExtractor.field("ts", EventTimeParser.auto()));
    Topics.fill(stack, in, 3, readings);
    Path dir = Files.createTempDirectory("beamkit-stop-" + target.name().toLowerCase());
    String[] args =
        SensorJobs.runArgs(
            target, stack.bootstrapServers(), dir.resolve("checkpoint"), in, out, Topics.unique("dead-letters"), "--statusEvery=2s", "--createTopics");
    Path log = dir.resolve("pipeline.log");
    try (PipelineProcess pipeline = PipelineProcess.start(log, List.of(), args)) {
      Await.until(
          "windows in " + out + " (output so far: " + log + ")",
          Await.PATIENCE,
          () -> {
            assertTrue(pipeline.isAlive(), pipeline::output);
            return !TopicReader.readAll(stack.bootstrapServers(), out, 1, Duration.ofMillis(500), Duration.ofSeconds(3)).isEmpty();
          });
      assertStatusLine(target, pipeline, readings.size());
      List<ProcessHandle> started = pipeline.handle().descendants().toList();

      long signalled = System.nanoTime();
      pipeline.signal(signal);
      try {
        pipeline.handle().onExit().get(STOP_LIMIT.toSeconds(), TimeUnit.SECONDS);
      } catch (TimeoutException e) {
        fail(target + ": still running " + STOP_LIMIT.toSeconds() + " s after SIG" + signal + "; output:\n" + tail(pipeline.output()));
      }
      Duration took = Duration.ofNanos(System.nanoTime() - signalled);
      System.out.println(target + " SIG" + signal + ": ended " + took.toMillis() + " ms after the signal");

      String output = pipeline.output();
      assertTrue(output.contains("counters: "), "no counter line after SIG" + signal + ":\n" + tail(output));
      assertTrue(output.contains("totals: "), "no totals line after SIG" + signal + ":\n" + tail(output));
      assertFalse(output.substring(output.indexOf("totals: ")).contains("status: "), "a status line after the totals:\n" + tail(output));
      for (ProcessHandle child : started) {
        assertFalse(child.isAlive(), "left running after the stop: " + child.pid() + " " + child.info().commandLine().orElse(""));
      }
    }
  }

  /**
   * Waits for a status line that shows the records read so far: every reading parsed, windows
   * written, and the input's event time years behind the wall clock (the readings are from
   * 2024-03-01).
   */
  private static void assertStatusLine(RunnerTarget target, PipelineProcess pipeline, int readings) throws Exception {
    long sinceTheReadings = Duration.between(java.time.Instant.parse("2024-03-01T12:00:00Z"), java.time.Instant.now()).toSeconds();
    Await.until(
        "a status line with all " + readings + " readings parsed",
        Await.PATIENCE,
        () -> {
          Matcher status = COUNTED.matcher(pipeline.output());
          boolean all = false;
          while (status.find()) {
            all = Long.parseLong(status.group(1)) == readings && Long.parseLong(status.group(4)) > 0;
            if (all) {
              long lag = Long.parseLong(status.group(5));
              assertTrue(Math.abs(lag - sinceTheReadings) < 2 * 24 * 3600, "input-lag " + lag + " s, expected about " + sinceTheReadings);
              assertEquals("0", status.group(2), "no reading is bad");
            }
          }
          return all;
        });
  }

  private static String tail(String output) {
    return output.substring(Math.max(0, output.length() - 4000));
  }
}
