package dev.beamkit.conformance;

import static dev.beamkit.conformance.SensorDownsampleIT.header;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamkit.localstack.LocalStack;
import dev.beamkit.pipelines.kafka.DeadLetterSink;
import dev.beamkit.pipelines.kafka.TopicReader;
import dev.beamkit.pipelines.replay.KafkaReplayer;
import dev.beamkit.pipelines.replay.ReplayRecord;
import dev.beamkit.pipelines.runtime.RunningJob;
import dev.beamkit.transforms.WindowedCombine;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * sensor-downsample on the stateful window engine against the real broker: a reading that
 * arrives after its window's end plus the allowed lateness is not dropped but written to the
 * dead-letter topic, step {@code too-late}, with its original key and value bytes and its topic,
 * partition and offset, like every other dead letter; and it changes no window.
 */
class TooLateDeadLetterIT {
  private final LocalStack stack = LocalStack.shared();

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = RunnerTarget.class, names = {"DIRECT", "FLINK_LOCAL", "FLINK_CLUSTER"})
  void aTooLateReadingIsDeadLetteredWithItsOriginalRecord(RunnerTarget target) throws Exception {
    String in = Topics.unique("raw-temp-data");
    String out = Topics.unique("agg-temperature");
    String dlq = Topics.unique("dead-letters");
    Topics.fill(
        stack,
        in,
        1,
        List.of(reading("12:00:01", 20), reading("12:00:05", 22), reading("12:00:15", 25)));
    ReplayRecord tooLate = reading("12:00:03", 99);

    try (RunningJob job =
        SensorJobs.start(
            target,
            stack,
            in,
            "--windowEngine=stateful",
            "--outputTopic=" + out,
            "--deadLetterTopic=" + dlq)) {
      // Both windows' ON_TIME panes are out: the watermark has passed 12:00:20 (the idle
      // partition's watermark moves to the wall clock after 1 s), far beyond the first window's
      // end plus its 1 s of allowed lateness.
      Await.until("both windows' panes", Await.PATIENCE, () -> values(out, 2).size() >= 2);
      try (KafkaReplayer replayer = new KafkaReplayer(stack.bootstrapServers(), System.out)) {
        replayer.replay(in, List.of(tooLate).iterator(), 0);
      }

      List<ConsumerRecord<byte[], byte[]>> letters =
          TopicReader.readAll(
              stack.bootstrapServers(), dlq, 1, Duration.ofSeconds(3), Await.PATIENCE);
      assertEquals(1, letters.size(), "dead letters");
      ConsumerRecord<byte[], byte[]> letter = letters.get(0);
      assertEquals(WindowedCombine.TOO_LATE_STEP, header(letter, DeadLetterSink.STEP));
      assertEquals(in, header(letter, DeadLetterSink.TOPIC));
      assertEquals("0", header(letter, DeadLetterSink.PARTITION));
      assertEquals("3", header(letter, DeadLetterSink.OFFSET));
      assertArrayEquals(tooLate.key(), letter.key());
      assertArrayEquals(tooLate.value(), letter.value());
      // No window counted it: the first window still holds its two readings only.
      assertEquals(
          List.of(
              "{\"sensor\":\"Sensor1\",\"time\":1709294410000,\"windowStart\":1709294400000,"
                  + "\"timing\":\"ON_TIME\",\"temperature\":{\"count\":2,\"min\":20.0,\"max\":22.0,\"mean\":21.0}}",
              "{\"sensor\":\"Sensor1\",\"time\":1709294420000,\"windowStart\":1709294410000,"
                  + "\"timing\":\"ON_TIME\",\"temperature\":{\"count\":1,\"min\":25.0,\"max\":25.0,\"mean\":25.0}}"),
          values(out, 2).stream().sorted().toList());
    }
  }

  private static ReplayRecord reading(String clock, double value) {
    String ts = "2024-03-01T" + clock;
    return new ReplayRecord(
        "Sensor1".getBytes(StandardCharsets.UTF_8),
        ("{\"ts\":\"" + ts + "\",\"value\":" + value + "}").getBytes(StandardCharsets.UTF_8),
        Instant.parse(ts + "Z").toEpochMilli());
  }

  private List<String> values(String topic, int atLeast) {
    return TopicReader.readAll(
            stack.bootstrapServers(), topic, atLeast, Duration.ofSeconds(1), Duration.ofSeconds(10))
        .stream()
        .map(r -> new String(r.value(), StandardCharsets.UTF_8))
        .toList();
  }
}
