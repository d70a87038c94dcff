package dev.beamkit.pipelines.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamkit.transforms.time.EventTimeExtractor;
import dev.beamkit.transforms.time.EventTimeParser;
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
        EventTimeExtractor.field("ts", EventTimeParser.auto()),
        maxOutOfOrderness,
        idle,
        Duration.standardHours(1),
        Optional.empty());
  }

  /**
   * The broker answers "nothing to read" once a second for {@code seconds}, from {@code from} on,
   * as KafkaIO's end-offset fetcher does; returns the watermark after the last answer.
   */
  private static Instant quietAnswers(EventTimePolicy p, Instant from, int seconds) {
    Instant watermark = null;
    for (int s = 0; s <= seconds; s++) {
      watermark = p.watermark(0, from.plus(Duration.standardSeconds(s)));
    }
    return watermark;
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
  void noPayloadStopsTheReader() {
    EventTimePolicy p = policy(Duration.ZERO, Duration.standardSeconds(5));
    p.getTimestampForRecord(BACKLOG, record("{\"ts\":\"2024-03-01T12:00:10\"}"));
    for (String payload :
        new String[] {
          "{\"ts\":1e400}", "{\"ts\":-1e400}", "{\"ts\":123456789012345678901234567890}",
          "{\"nested\":" + "[".repeat(5000) + "]".repeat(5000) + ",\"ts\":\"2024-03-01T12:00:20\"}",
          "\u0000\u0001", "{\"ts\":\"+999999999-12-31T23:59:59\"}"
        }) {
      assertEquals(T0.plus(10_000), p.getTimestampForRecord(BACKLOG, record(payload)), payload);
    }
  }

  @Test
  void aPartitionThatNeverGetsDataIsIdleAfterTheTimeoutAndMovesToTheBrokersLatestAnswer() {
    EventTimePolicy p = policy(Duration.ZERO, Duration.standardSeconds(5));
    Instant now = Instant.now();
    assertEquals(BoundedWindow.TIMESTAMP_MIN_VALUE, quietAnswers(p, now, 4));
    Instant later = now.plus(Duration.standardSeconds(6));
    assertEquals(later, quietAnswers(p, now.plus(Duration.standardSeconds(5)), 1));
  }

  @Test
  void aBrokerThatStopsAnsweringDoesNotMakeThePartitionIdle() {
    EventTimePolicy p = policy(Duration.ZERO, Duration.standardSeconds(5));
    p.getTimestampForRecord(BACKLOG, record("{\"ts\":\"2024-03-01T12:00:10\"}"));
    Instant start = Instant.now().plus(Duration.standardSeconds(1));
    quietAnswers(p, start, 2);
    // Frozen for 20 s: every call sees the same stale answer.
    Instant stale = start.plus(Duration.standardSeconds(2));
    for (int i = 0; i < 20; i++) {
      assertEquals(T0.plus(10_000), p.watermark(0, stale));
    }
    // Back: its first answers after the gap start a new quiet spell instead of ending an old one.
    Instant back = start.plus(Duration.standardSeconds(22));
    assertEquals(T0.plus(10_000), quietAnswers(p, back, 4));
    assertEquals(back.plus(Duration.standardSeconds(5)), quietAnswers(p, back.plus(Duration.standardSeconds(5)), 0));
  }

  @Test
  void aRecordEndsTheQuietSpell() {
    EventTimePolicy p = policy(Duration.ZERO, Duration.standardSeconds(5));
    Instant start = Instant.now().plus(Duration.standardSeconds(1));
    quietAnswers(p, start, 3);
    p.getTimestampForRecord(BACKLOG, record("{\"ts\":\"2024-03-01T12:00:10\"}"));
    assertEquals(T0.plus(10_000), quietAnswers(p, start.plus(Duration.standardSeconds(4)), 4));
    assertEquals(
        start.plus(Duration.standardSeconds(9)), quietAnswers(p, start.plus(Duration.standardSeconds(9)), 0));
  }

  @Test
  void anEventTimeFarInTheFutureDoesNotMoveTheWatermark() {
    EventTimePolicy p = policy(Duration.ZERO, Duration.standardSeconds(5));
    p.getTimestampForRecord(BACKLOG, record("{\"ts\":\"2024-03-01T12:00:10\"}"));
    Instant far = p.getTimestampForRecord(BACKLOG, record("{\"ts\":\"9999-12-31T00:00:00\"}"));
    assertEquals(Instant.parse("9999-12-31T00:00:00Z"), far);
    assertEquals(T0.plus(10_000), p.watermark(10, Instant.now()));
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
    Instant idle = quietAnswers(p, later.minus(Duration.standardSeconds(6)), 6);
    assertEquals(later, idle);
    p.getTimestampForRecord(BACKLOG, record("{\"ts\":\"2024-03-01T12:00:10\"}"));
    assertEquals(idle, p.watermark(5, later));
  }
}
