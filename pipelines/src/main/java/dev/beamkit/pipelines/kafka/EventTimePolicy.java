package dev.beamkit.pipelines.kafka;

import dev.beamkit.transforms.EventTimeException;
import dev.beamkit.transforms.EventTimeExtractor;
import java.util.Optional;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.TimestampPolicy;
import org.apache.beam.sdk.io.kafka.TimestampPolicyFactory;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.kafka.common.TopicPartition;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Timestamps each Kafka record with the event time in its payload (the same {@link
 * EventTimeExtractor} the parse step uses), so that windows close by event time.
 *
 * <p>Watermark of a partition: the newest event time seen minus {@code maxOutOfOrderness}. A
 * partition with nothing left to read (backlog 0) that has received no record for {@code
 * idleTimeout} of wall-clock time is idle, and its watermark moves to the wall clock minus
 * {@code maxOutOfOrderness}: future records are assumed to be at least that new. Beam's own
 * {@code CustomTimestampPolicyWithLimitedDelay} never advances a partition that has not yet
 * delivered any record, so one empty partition holds every window open forever; here such a
 * partition becomes idle like any other.
 *
 * <p>Without an extractor (plain-text input), the event time is the record's Kafka timestamp.
 *
 * <p>A record whose event time cannot be read keeps the newest event time seen so far (so it
 * neither moves the watermark nor is dropped as late); the parse step then sends it to the dead
 * letters.
 */
public final class EventTimePolicy extends TimestampPolicy<byte[], byte[]> {
  private final @Nullable EventTimeExtractor extractor;
  private final Duration maxOutOfOrderness;
  private final Duration idleTimeout;
  private Instant newestEventTime = BoundedWindow.TIMESTAMP_MIN_VALUE;
  private Instant watermark;
  private Instant lastActivity = Instant.now();

  EventTimePolicy(
      @Nullable EventTimeExtractor extractor,
      Duration maxOutOfOrderness,
      Duration idleTimeout,
      Optional<Instant> previousWatermark) {
    this.extractor = extractor;
    this.maxOutOfOrderness = maxOutOfOrderness;
    this.idleTimeout = idleTimeout;
    this.watermark = previousWatermark.orElse(BoundedWindow.TIMESTAMP_MIN_VALUE);
  }

  /**
   * A factory for KafkaIO's {@code withTimestampPolicyFactory}; a null {@code extractor} means
   * the record's Kafka timestamp is its event time.
   */
  public static TimestampPolicyFactory<byte[], byte[]> factory(
      @Nullable EventTimeExtractor extractor, Duration maxOutOfOrderness, Duration idleTimeout) {
    return (TopicPartition partition, Optional<Instant> previousWatermark) ->
        new EventTimePolicy(extractor, maxOutOfOrderness, idleTimeout, previousWatermark);
  }

  @Override
  public Instant getTimestampForRecord(PartitionContext ctx, KafkaRecord<byte[], byte[]> record) {
    lastActivity = Instant.now();
    try {
      Instant eventTime =
          extractor == null
              ? new Instant(record.getTimestamp())
              : extractor.extract(record.getKV().getValue());
      if (eventTime.isAfter(newestEventTime)) {
        newestEventTime = eventTime;
      }
      return eventTime;
    } catch (EventTimeException e) {
      return newestEventTime.isAfter(BoundedWindow.TIMESTAMP_MIN_VALUE)
          ? newestEventTime
          : new Instant(record.getTimestamp());
    }
  }

  @Override
  public Instant getWatermark(PartitionContext ctx) {
    return watermark(ctx.getMessageBacklog(), Instant.now());
  }

  /** The watermark given the partition's backlog and the wall clock; never moves backwards. */
  Instant watermark(long backlog, Instant now) {
    Instant candidate =
        newestEventTime.isAfter(BoundedWindow.TIMESTAMP_MIN_VALUE)
            ? newestEventTime.minus(maxOutOfOrderness)
            : BoundedWindow.TIMESTAMP_MIN_VALUE;
    boolean idle = backlog == 0 && !now.isBefore(lastActivity.plus(idleTimeout));
    if (idle) {
      Instant wallClock = now.minus(maxOutOfOrderness);
      candidate = candidate.isAfter(wallClock) ? candidate : wallClock;
    }
    if (candidate.isAfter(watermark)) {
      watermark = candidate;
    }
    return watermark;
  }
}
