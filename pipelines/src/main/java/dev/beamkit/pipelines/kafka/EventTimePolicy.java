package dev.beamkit.pipelines.kafka;

import dev.beamkit.transforms.time.EventTimeException;
import dev.beamkit.transforms.time.EventTimeExtractor;
import java.util.Optional;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.TimestampPolicy;
import org.apache.beam.sdk.io.kafka.TimestampPolicyFactory;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.kafka.common.TopicPartition;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Timestamps each Kafka record with the event time in its payload (the same {@link
 * EventTimeExtractor} the parse step uses), so that windows close by event time.
 *
 * <p>Watermark of a partition: the newest event time seen minus {@code maxOutOfOrderness}. A
 * partition is <em>idle</em> when the broker itself has said, again and again for {@code
 * idleTimeout}, that there is nothing left to read: KafkaIO asks the broker for each partition's
 * end offset about once a second, and each answer that finds the reader caught up, with no
 * record arriving meanwhile, extends the quiet spell. An idle partition's watermark moves to the
 * time of the broker's latest answer minus {@code maxOutOfOrderness}: future records are assumed
 * to be at least that new. Beam's own {@code CustomTimestampPolicyWithLimitedDelay} never
 * advances a partition that has not yet delivered any record, so one empty partition holds every
 * window open forever; here such a partition becomes idle like any other.
 *
 * <p>A broker that does not answer is not a quiet partition. While it is unreachable (stopped,
 * frozen, cut off), no end offset arrives, the quiet spell is broken by the gap between answers
 * ({@value #MAX_GAP_MILLIS} ms at most), and the watermark waits: readings that producers
 * buffered meanwhile are on time when they arrive. (Measured before this rule: a 30 s broker
 * pause made every partition "idle" on the wall clock, and 29 % of a live stream was dropped as
 * too late.)
 *
 * <p>Event times more than {@code maxFutureSkew} ahead of the wall clock do not move the
 * watermark: one record stamped in year 9999 would otherwise make every later record of its
 * partition too late. The parse step dead-letters such records.
 *
 * <p>Without an extractor (plain-text input), the event time is the record's Kafka timestamp.
 *
 * <p>A record whose event time cannot be read (for whatever reason: a failure here would stop the
 * whole source) keeps the newest event time seen so far (so it
 * neither moves the watermark nor is dropped as late); the parse step then sends it to the dead
 * letters.
 */
public final class EventTimePolicy extends TimestampPolicy<byte[], byte[]> {
  /**
   * Longest time between two end-offset answers that still counts as the broker answering all
   * along. KafkaIO asks once a second; a longer silence means the broker (or the way to it) was
   * away, and whatever it holds back may be older than the wall clock.
   */
  static final long MAX_GAP_MILLIS = 3_000;

  private final @Nullable EventTimeExtractor extractor;
  private final Duration maxOutOfOrderness;
  private final Duration idleTimeout;
  private final Duration maxFutureSkew;
  private Instant newestEventTime = BoundedWindow.TIMESTAMP_MIN_VALUE;
  private Instant watermark;
  private Instant lastRecord = BoundedWindow.TIMESTAMP_MIN_VALUE;
  private Instant lastAnswer = BoundedWindow.TIMESTAMP_MIN_VALUE;
  private @Nullable Instant quietSince;

  EventTimePolicy(
      @Nullable EventTimeExtractor extractor,
      Duration maxOutOfOrderness,
      Duration idleTimeout,
      Duration maxFutureSkew,
      Optional<Instant> previousWatermark) {
    this.extractor = extractor;
    this.maxOutOfOrderness = maxOutOfOrderness;
    this.idleTimeout = idleTimeout;
    this.maxFutureSkew = maxFutureSkew;
    this.watermark = previousWatermark.orElse(BoundedWindow.TIMESTAMP_MIN_VALUE);
  }

  /**
   * A factory for KafkaIO's {@code withTimestampPolicyFactory}; a null {@code extractor} means
   * the record's Kafka timestamp is its event time.
   */
  public static TimestampPolicyFactory<byte[], byte[]> factory(
      @Nullable EventTimeExtractor extractor,
      Duration maxOutOfOrderness,
      Duration idleTimeout,
      Duration maxFutureSkew) {
    return (TopicPartition partition, Optional<Instant> previousWatermark) ->
        new EventTimePolicy(extractor, maxOutOfOrderness, idleTimeout, maxFutureSkew, previousWatermark);
  }

  @Override
  public Instant getTimestampForRecord(PartitionContext ctx, KafkaRecord<byte[], byte[]> record) {
    Instant now = Instant.now();
    lastRecord = now;
    quietSince = null;
    try {
      Instant eventTime =
          extractor == null
              ? new Instant(record.getTimestamp())
              : extractor.extract(record.getKV().getValue());
      if (eventTime.isAfter(newestEventTime) && !eventTime.isAfter(now.plus(maxFutureSkew))) {
        newestEventTime = eventTime;
      }
      return eventTime;
    } catch (EventTimeException | RuntimeException e) {
      // Whatever the payload holds, the reader must not die on it: the parse step will say why.
      return newestEventTime.isAfter(BoundedWindow.TIMESTAMP_MIN_VALUE)
          ? newestEventTime
          : new Instant(record.getTimestamp());
    }
  }

  @Override
  public Instant getWatermark(PartitionContext ctx) {
    return watermark(ctx.getMessageBacklog(), ctx.getBacklogCheckTime());
  }

  /**
   * The watermark given the partition's backlog as of the broker's latest end-offset answer at
   * {@code answeredAt}; never moves backwards.
   */
  Instant watermark(long backlog, Instant answeredAt) {
    noteAnswer(backlog, answeredAt);
    Instant candidate =
        newestEventTime.isAfter(BoundedWindow.TIMESTAMP_MIN_VALUE)
            ? newestEventTime.minus(maxOutOfOrderness)
            : BoundedWindow.TIMESTAMP_MIN_VALUE;
    boolean idle = quietSince != null && !answeredAt.isBefore(quietSince.plus(idleTimeout));
    if (idle) {
      Instant confirmed = answeredAt.minus(maxOutOfOrderness);
      candidate = candidate.isAfter(confirmed) ? candidate : confirmed;
    }
    if (candidate.isAfter(watermark)) {
      watermark = candidate;
    }
    return watermark;
  }

  /** Extends, starts or ends the quiet spell with a new answer from the broker. */
  private void noteAnswer(long backlog, Instant answeredAt) {
    if (!answeredAt.isAfter(lastAnswer)) {
      return; // no new answer since the last call
    }
    boolean answeredAllAlong = answeredAt.getMillis() - lastAnswer.getMillis() <= MAX_GAP_MILLIS;
    lastAnswer = answeredAt;
    if (backlog != 0) {
      quietSince = null;
    } else if (quietSince == null || !answeredAllAlong) {
      // Only an answer given after the last record arrived says that nothing came after it.
      quietSince = answeredAt.isAfter(lastRecord) ? answeredAt : null;
    }
  }
}
