package dev.beamkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamkit.localstack.LocalStack;
import dev.beamkit.pipelines.kafka.TopicReader;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The pipeline's process is killed (SIGKILL: no shutdown hook, nothing flushed) while a live
 * sensor streams, and started again a few seconds later with the same options and consumer group,
 * as a supervisor would restart it: every reading must still be counted in its window's final
 * pane. Today that holds because a restart reads the input again from its start
 * ({@code --startFrom=earliest}, and no offsets are committed: committed offsets without the
 * runner's window state would lose the readings of the windows still open at the kill); the
 * price is that the windows written before the kill are written again, which the audit reports
 * as duplicates.
 */
class PipelineKillIT {
  private static final Duration WINDOW = Duration.ofSeconds(10);
  private final LocalStack stack = LocalStack.shared();
  @TempDir Path dir;

  /**
   * On Flink local, through {@code bin/beamkit run} as a user starts it. (Spark would resume from
   * its checkpoint directory instead, a case of its own.)
   */
  @Test
  void aKilledPipelineStartedAgainLosesNoReading() throws Exception {
    RunnerTarget target = RunnerTarget.FLINK_LOCAL;
    SensorTopics topics = SensorTopics.create(stack.kafka());
    String in = topics.in();
    String out = topics.out();
    String deadLetters = topics.deadLetters();
    String[] args = {
      "sensor-downsample",
      "--config=" + target.configFile(),
      "--bootstrapServers=" + stack.bootstrapServers(),
      "--inputTopic=" + in,
      "--outputTopic=" + out,
      "--deadLetterTopic=" + deadLetters,
      "--consumerGroup=" + Topics.unique("beamkit-sensor-downsample"),
      "--idleTimeout=1s"
    };
    try (LiveReadings sensor = LiveReadings.start(stack.bootstrapServers(), in, 3, 40)) {
      PipelineProcess first = PipelineProcess.start(dir.resolve("first.log"), List.of(), args);
      try {
        Await.until(
            "the first window (output so far: " + dir.resolve("first.log") + ")",
            Await.PATIENCE,
            () -> {
              assertTrue(first.isAlive(), first::output);
              return !read(out).isEmpty();
            });
        Thread.sleep(5_000);
      } finally {
        first.kill();
      }
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
        System.out.println("PipelineKillIT[" + target + "] audit: " + report);
        assertEquals(0, report.lost(), () -> "lost readings: " + report);
        assertEquals(0, report.overCounted(), () -> "readings counted twice: " + report);
      }
    }
  }

  private List<ConsumerRecord<byte[], byte[]>> read(String topic) {
    return TopicReader.readAll(stack.bootstrapServers(), topic, 0, Duration.ofSeconds(1), Duration.ofSeconds(10));
  }
}
