package dev.beamkit.pipelines.kafka;

import dev.beamkit.transforms.BeamkitMetrics;
import dev.beamkit.transforms.RawRecord;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.metrics.Gauge;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.joda.time.Instant;

/**
 * Turns a Kafka record into a {@link RawRecord} and notes its timestamp — the event time {@link
 * EventTimePolicy} gave it — in the gauge {@link BeamkitMetrics#NEWEST_EVENT_TIME}: the status line
 * shows how far the input runs behind the wall clock from it. Beam's metrics have no watermark on
 * every runner; the newest event time read is the value the source's watermark follows (less
 * {@code --maxOutOfOrderness}), and a gauge is cheap enough to set per record.
 */
final class ToRawRecordFn extends DoFn<KafkaRecord<byte[], byte[]>, RawRecord> {
  private final Gauge newestEventTime = Metrics.gauge(BeamkitMetrics.NAMESPACE, BeamkitMetrics.NEWEST_EVENT_TIME);

  @ProcessElement
  public void processElement(
      @Element KafkaRecord<byte[], byte[]> r, @Timestamp Instant eventTime, OutputReceiver<RawRecord> out) {
    newestEventTime.set(eventTime.getMillis());
    out.output(
        RawRecord.fromLog(r.getTopic(), r.getPartition(), r.getOffset(), r.getKV().getKey(), r.getKV().getValue()));
  }
}
