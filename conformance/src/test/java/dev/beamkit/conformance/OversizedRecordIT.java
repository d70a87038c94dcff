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
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

/**
 * A record just under the broker's 1 MiB message limit that cannot be parsed: its dead letter,
 * the original bytes plus the diagnosis in headers, would be over the limit, and a dead letter
 * that cannot be written fails its bundle over and over. It is cut to fit instead, says how long
 * it was, and the job goes on with the records after it. The record's own headers — one named
 * like ours, one without a value — come out first on its letter, in their order, ours after them.
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
            new ReplayRecord(
                "Sensor1".getBytes(StandardCharsets.UTF_8),
                huge,
                1_709_294_402_000L,
                List.of(
                    new RecordHeader("trace-id", utf8("abc-123")),
                    new RecordHeader(DeadLetterSink.STEP, utf8("the user's own")),
                    new RecordHeader("flag", (byte[]) null))),
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
      List<Header> headers = Arrays.asList(letter.headers().toArray());
      assertEquals("trace-id", headers.get(0).key());
      assertArrayEquals(utf8("abc-123"), headers.get(0).value());
      assertEquals(DeadLetterSink.STEP, headers.get(1).key());
      assertArrayEquals(utf8("the user's own"), headers.get(1).value());
      assertEquals("flag", headers.get(2).key());
      assertArrayEquals(new byte[0], headers.get(2).value());
      assertEquals(DeadLetterSink.ERROR, headers.get(3).key());
    }
  }

  private static ReplayRecord reading(String ts, int value) {
    String json = "{\"ts\":\"" + ts + "\",\"value\":" + value + "}";
    return new ReplayRecord(
        "Sensor1".getBytes(StandardCharsets.UTF_8),
        json.getBytes(StandardCharsets.UTF_8),
        java.time.LocalDateTime.parse(ts).toInstant(java.time.ZoneOffset.UTC).toEpochMilli());
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
