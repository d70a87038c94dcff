package dev.beamkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamkit.localstack.LocalStack;
import dev.beamkit.pipelines.kafka.TopicReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The pipeline's process is killed (SIGKILL: no shutdown hook, nothing flushed) while a live
 * sensor streams, and started again a few seconds later with the same options and consumer group,
 * as a supervisor would restart it: every reading must still be counted in its window's final
 * pane, none counted twice.
 *
 * <p>On Direct and Flink local that holds because a restart reads the input again from its start
 * ({@code --startFrom=earliest}, and no offsets are committed: committed offsets without the
 * runner's window state would lose the readings of the windows still open at the kill); the price
 * is that the windows written before the kill are written again, which the audit reports as
 * duplicates. The DirectRunner reads a few hundred readings a second from Kafka, so it catches up
 * on the 40 a second of the live sensor within seconds of the restart.
 *
 * <p>On Spark local the driver resumes from its {@code --checkpointDir}: the Kafka reader positions
 * and the open windows of Spark's last checkpoint of the job's state, which it takes every ten
 * batches. Only the batches after that checkpoint run again, so only the windows they closed are
 * written twice — not every window written before the kill, as a re-read from the start would.
 */
class PipelineKillIT {
  private static final Duration WINDOW = Duration.ofSeconds(10);
  /** Windows of the 3 sensors the first Spark run writes before the kill: 4 windows each. */
  private static final int SPARK_RESULTS_BEFORE_KILL = 12;
  /**
   * The most windows one state checkpoint interval of Spark (10 one-second batches) can close and
   * a resumed run write again: two window ends per sensor.
   */
  private static final int SPARK_MAX_DUPLICATES = 6;

  private final LocalStack stack = LocalStack.shared();
  @TempDir Path dir;

  static Stream<RunnerTarget> targets() {
    return Stream.of(RunnerTarget.DIRECT, RunnerTarget.FLINK_LOCAL, RunnerTarget.SPARK_LOCAL);
  }

  /** Through {@code bin/beamkit run} as a user starts it, on Spark with a checkpoint directory of the test's own. */
  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void aKilledPipelineStartedAgainLosesNoReading(RunnerTarget target) throws Exception {
    boolean spark = target == RunnerTarget.SPARK_LOCAL;
    SensorTopics topics = SensorTopics.create(stack.kafka());
    String in = topics.in();
    String out = topics.out();
    String deadLetters = topics.deadLetters();
    Path checkpoint = dir.resolve("checkpoint");
    String[] args =
        SensorJobs.runArgs(
            target,
            stack.bootstrapServers(),
            checkpoint,
            in,
            out,
            deadLetters,
            "--consumerGroup=" + Topics.unique("beamkit-sensor-downsample"),
            "--idleTimeout=1s");
    try (LiveReadings sensor = LiveReadings.start(stack.bootstrapServers(), in, 3, 40)) {
      PipelineProcess first = PipelineProcess.start(dir.resolve("first.log"), List.of(), args);
      int writtenBeforeKill;
      try {
        int enough = spark ? SPARK_RESULTS_BEFORE_KILL : 1;
        Await.until(
            enough + " windows written (output so far: " + dir.resolve("first.log") + ")",
            Await.PATIENCE,
            () -> {
              assertTrue(first.isAlive(), first::output);
              return read(out).size() >= enough;
            });
        if (spark) {
          // A driver killed before it is restarts with the job graph but no state: from --startFrom.
          Await.until(
              "Spark's first checkpoint of the job's state",
              Await.PATIENCE,
              () -> {
                assertTrue(first.isAlive(), first::output);
                return SparkCheckpoints.holdState(checkpoint);
              });
        }
        Thread.sleep(5_000);
      } finally {
        first.kill();
      }
      writtenBeforeKill = read(out).size();
      Thread.sleep(5_000);
      try (PipelineProcess second = PipelineProcess.start(dir.resolve("second.log"), List.of(), args)) {
        int before = read(out).size();
        Await.until(
            "windows from the restarted pipeline (output so far: " + dir.resolve("second.log") + ")",
            Await.PATIENCE,
            () -> {
              assertTrue(second.isAlive(), second::output);
              return read(out).size() > before;
            });
        Thread.sleep(10_000);
        sensor.close();
        List<SensorAudit.Reading> inputs = sensor.acknowledged();
        SensorAudit.Report report =
            SensorAudit.awaitAccounted(
                () -> SensorAudit.of(inputs, read(out), read(deadLetters), WINDOW), Await.PATIENCE);
        System.out.println(
            "PipelineKillIT[" + target + "] audit: " + report + " (windows written before the kill: " + writtenBeforeKill + ")");
        assertEquals(0, report.lost(), () -> "lost readings: " + report);
        assertEquals(0, report.overCounted(), () -> "readings counted twice: " + report);
        if (spark) {
          assertTrue(
              report.duplicates() <= SPARK_MAX_DUPLICATES,
              () -> "more windows written twice than one state checkpoint interval closes, of " + writtenBeforeKill
                  + " written before the kill (read again from the start?): " + report);
        }
      }
    }
    if (spark) {
      aChangedWindowSizeIsRefusedOnTheCheckpoint(args);
    }
  }

  /**
   * Started a third time on the same checkpoint with another window size, which Spark would
   * ignore (it resumes the checkpoint's job graph), the launch stops in one line naming the
   * option, exit 2, before any job starts.
   */
  private void aChangedWindowSizeIsRefusedOnTheCheckpoint(String[] args) throws Exception {
    List<String> changed = new ArrayList<>(List.of(args));
    changed.add("--windowSize=20s");
    try (PipelineProcess third = PipelineProcess.start(dir.resolve("third.log"), List.of(), changed.toArray(new String[0]))) {
      assertEquals(2, third.exitCode(Duration.ofSeconds(60)), third::output);
      assertEquals(
          List.of(
              "sensor-downsample: --windowSize=20s: the Spark checkpoint in " + dir.resolve("checkpoint")
                  + " was started with 10s, and Spark would resume its old job graph, ignoring the"
                  + " change; give 10s again, or a new --checkpointDir to start afresh"),
          third.output().lines().toList());
    }
  }

  private List<ConsumerRecord<byte[], byte[]>> read(String topic) {
    return TopicReader.readAll(stack.bootstrapServers(), topic, 0, Duration.ofSeconds(1), Duration.ofSeconds(10));
  }
}
