package dev.beamkit.pipelines;

import dev.beamkit.transforms.BeamkitMetrics;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;

/**
 * Formats a result as the key and value its sink writes, and counts it as {@link
 * BeamkitMetrics#WRITTEN}: the one step every result passes on its way to Kafka or Redis, so the
 * count covers every sink without touching the sinks' own writers.
 */
final class SinkEntryFn<T> extends DoFn<T, KV<String, String>> {
  private final SerializableFunction<T, KV<String, String>> format;
  private final Counter written = Metrics.counter(BeamkitMetrics.NAMESPACE, BeamkitMetrics.WRITTEN);

  SinkEntryFn(SerializableFunction<T, KV<String, String>> format) {
    this.format = format;
  }

  @ProcessElement
  public void processElement(@Element T result, OutputReceiver<KV<String, String>> out) {
    out.output(format.apply(result));
    written.inc();
  }
}
