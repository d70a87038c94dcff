package dev.beamkit.pipelines.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamkit.transforms.EventTimeExtractor;
import dev.beamkit.transforms.EventTimeParser;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.KafkaTimestampType;
import org.apache.beam.sdk.io.kafka.TimestampPolicy.PartitionContext;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

class EventTimePolicyTest {
  private static final Instant T0 = Instant.parse("2024-03-01T12:00:00Z");

  private static EventTimePolicy policy(Duration maxOutOfOrderness, Duration idle) {
    return new EventTimePolicy(
        EventTimeExtractor.field("ts", EventTimeParser.auto()), maxOutOfOrderness, idle, Optional.empty());
  }

  private static KafkaRecord<byte[], byte[]> record(String value) {
    byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
    return new KafkaRecord<>("t", 0, 0, 42L, KafkaTimestampType.CREATE_TIME, null, KV.of(null, bytes));
  }

  private static final PartitionContext BACKLOG =
      new PartitionContext() {
        @Override
        public long getMessageBacklog() {
          return 10;
        }

        @Override
        public Instant getBacklogCheckTime() {
          return Instant.now();
        }
      };

  @Test
  void recordsGetTheEventTimeOfTheirPayload() {
    EventTimePolicy p = policy(Duration.ZERO, Duration.standardSeconds(5));
    assertEquals(T0.plus(1500), p.getTimestampForRecord(BACKLOG, record("{\"ts\":\"2024-03-01T12:00:01.5\",\"value\":1}")));
  }

  @Test
  void watermarkTrailsTheNewestEventTimeByTheMaxOutOfOrderness() {
    EventTimePolicy p = policy(Duration.standardSeconds(2), Duration.standardSeconds(5));
    p.getTimestampForRecord(BACKLOG, record("{\"ts\":\"2024-03-01T12:00:10\"}"));
    p.getTimestampForRecord(BACKLOG, record("{\"ts\":\"2024-03-01T12:00:04\"}"));
    assertEquals(T0.plus(8000), p.watermark(10, Instant.now()));
  }

  @Test
  void unreadableTimeNeitherMovesTheWatermarkNorFallsBehindIt() {
    EventTimePolicy p = policy(Duration.ZERO, Duration.standardSeconds(5));
    p.getTimestampForRecord(BACKLOG, record("{\"ts\":\"2024-03-01T12:00:10\"}"));
    Instant bad = p.getTimestampForRecord(BACKLOG, record("{\"ts\":\"yesterday\"}"));
    assertEquals(T0.plus(10_000), bad);
    assertEquals(T0.plus(10_000), p.watermark(10, Instant.now()));
  }

  @Test
  void aPartitionThatNeverGetsDataIsIdleAfterTheTimeoutAndMovesToTheWallClock() {
    EventTimePolicy p = policy(Duration.ZERO, Duration.standardSeconds(5));
    Instant now = Instant.now();
    assertEquals(BoundedWindow.TIMESTAMP_MIN_VALUE, p.watermark(0, now));
    Instant later = now.plus(Duration.standardSeconds(6));
    assertEquals(later, p.watermark(0, later));
  }

  @Test
  void aPartitionWithBacklogIsNeverIdle() {
    EventTimePolicy p = policy(Duration.ZERO, Duration.standardSeconds(5));
    p.getTimestampForRecord(BACKLOG, record("{\"ts\":\"2024-03-01T12:00:10\"}"));
    Instant later = Instant.now().plus(Duration.standardMinutes(1));
    assertEquals(T0.plus(10_000), p.watermark(3, later));
  }

  @Test
  void theWatermarkNeverMovesBackwards() {
    EventTimePolicy p = policy(Duration.ZERO, Duration.standardSeconds(5));
    Instant later = Instant.now().plus(Duration.standardSeconds(6));
    Instant idle = p.watermark(0, later);
    p.getTimestampForRecord(BACKLOG, record("{\"ts\":\"2024-03-01T12:00:10\"}"));
    assertEquals(idle, p.watermark(5, later));
  }
}
