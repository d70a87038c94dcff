package dev.beamkit.pipelines.kafka;

import dev.beamkit.transforms.BeamkitMetrics;
import dev.beamkit.transforms.RawRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.metrics.Gauge;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * Turns a Kafka record into a {@link RawRecord}, its headers kept in order for the dead letter,
 * and notes its timestamp — the event time {@link EventTimePolicy} gave it — in the gauge {@link
 * BeamkitMetrics#NEWEST_EVENT_TIME}: the status line shows how far the input runs behind the wall
 * clock from it. Beam's metrics have no watermark on every runner; the newest event time read is
 * the value the source's watermark follows (less {@code --maxOutOfOrderness}), and a gauge is
 * cheap enough to set per record.
 */
final class ToRawRecordFn extends DoFn<KafkaRecord<byte[], byte[]>, RawRecord> {
  private final Gauge newestEventTime = Metrics.gauge(BeamkitMetrics.NAMESPACE, BeamkitMetrics.NEWEST_EVENT_TIME);

  @ProcessElement
  public void processElement(
      @Element KafkaRecord<byte[], byte[]> r, @Timestamp Instant eventTime, OutputReceiver<RawRecord> out) {
    newestEventTime.set(eventTime.getMillis());
    RawRecord raw =
        RawRecord.fromLog(r.getTopic(), r.getPartition(), r.getOffset(), r.getKV().getKey(), r.getKV().getValue());
    out.output(withHeadersOf(raw, r.getHeaders()));
  }

  /** {@code raw} with the Kafka record's headers; records without headers stay as they are. */
  static RawRecord withHeadersOf(RawRecord raw, @Nullable Headers headers) {
    if (headers == null) {
      return raw;
    }
    List<KV<String, byte @Nullable []>> pairs = new ArrayList<>();
    for (Header h : headers) {
      pairs.add(KV.of(h.key(), h.value()));
    }
    return pairs.isEmpty() ? raw : raw.withHeaders(pairs);
  }
}
