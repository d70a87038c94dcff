package dev.beamkit.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamkit.localstack.LocalStack;
import dev.beamkit.pipelines.kafka.DeadLetterSink;
import dev.beamkit.pipelines.kafka.TopicReader;
import dev.beamkit.pipelines.replay.ReplayRecord;
import dev.beamkit.pipelines.runtime.RunningJob;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * A record just under the broker's 1 MiB message limit that cannot be parsed: its dead letter,
 * the original bytes plus the diagnosis in headers, would be over the limit, and a dead letter
 * that cannot be written fails its bundle over and over. It is cut to fit instead, says how long
 * it was, and the job goes on with the records after it.
 */
class OversizedRecordIT {
  private static final int SIZE = 1_040_000;
  private final LocalStack stack = LocalStack.shared();

  @Test
  void itsDeadLetterIsCutToFitAndTheJobGoesOn() throws Exception {
    String in = Topics.unique("raw-temp-data");
    String out = Topics.unique("agg-temperature");
    String dlq = Topics.unique("dead-letters");
    byte[] huge = new byte[SIZE];
    Arrays.fill(huge, (byte) 'x');
    Topics.fill(
        stack,
        in,
        1,
        List.of(
            reading("2024-03-01T12:00:01", 1),
            new ReplayRecord("Sensor1".getBytes(StandardCharsets.UTF_8), huge, 1_709_294_402_000L),
            reading("2024-03-01T12:00:03", 3)));
    try (RunningJob job =
        SensorJobs.start(RunnerTarget.DIRECT, stack, in, "--outputTopic=" + out, "--deadLetterTopic=" + dlq)) {
      Await.until(
          "both readings parsed and the huge record dead-lettered",
          Await.PATIENCE,
          () -> job.metrics().get("parsed") == 2 && job.metrics().get("dead-lettered") == 1);
      List<ConsumerRecord<byte[], byte[]>> letters =
          TopicReader.readAll(stack.bootstrapServers(), dlq, 1, Duration.ofSeconds(1), Duration.ofSeconds(60));
      assertEquals(1, letters.size());
      ConsumerRecord<byte[], byte[]> letter = letters.get(0);
      assertEquals(String.valueOf(SIZE), header(letter, DeadLetterSink.TRUNCATED));
      assertEquals("parse", header(letter, DeadLetterSink.STEP));
      assertEquals("1", header(letter, DeadLetterSink.OFFSET));
      assertArrayEquals(Arrays.copyOf(huge, letter.value().length), letter.value());
    }
  }

  private static ReplayRecord reading(String ts, int value) {
    String json = "{\"ts\":\"" + ts + "\",\"value\":" + value + "}";
    return new ReplayRecord(
        "Sensor1".getBytes(StandardCharsets.UTF_8),
        json.getBytes(StandardCharsets.UTF_8),
        java.time.LocalDateTime.parse(ts).toInstant(java.time.ZoneOffset.UTC).toEpochMilli());
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
