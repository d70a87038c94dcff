package dev.beamkit.transforms;

import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;

/** Test vocabulary for the sensor statistics pipeline: times, windows, readings and panes. */
final class StatsPanes {
  /** 2024-03-01T12:00:00Z, the start of the first window in every test. */
  static final Instant BASE = Instant.parse("2024-03-01T12:00:00Z");

  static final Duration TEN_SECONDS = Duration.standardSeconds(10);

  private StatsPanes() {}

  /** {@code millis} after {@link #BASE}. */
  static Instant atMillis(long millis) {
    return BASE.plus(Duration.millis(millis));
  }

  /** {@code seconds} after {@link #BASE}. */
  static Instant at(long seconds) {
    return atMillis(seconds * 1000);
  }

  /** The 10 s window starting {@code startSeconds} after {@link #BASE}. */
  static IntervalWindow window(long startSeconds) {
    return new IntervalWindow(at(startSeconds), TEN_SECONDS);
  }

  static TimestampedValue<KV<String, Double>> reading(String sensor, double value, long second) {
    return TimestampedValue.of(KV.of(sensor, value), at(second));
  }

  static TestStream.Builder<KV<String, Double>> readings() {
    return TestStream.create(KvCoder.of(StringUtf8Coder.of(), DoubleCoder.of()));
  }

  /** Readings → the given windowing → {@link Stats#perKey()}. */
  static PCollection<KV<String, Stats>> stats(
      PCollection<KV<String, Double>> readings, Windowing.Fixed<KV<String, Double>> windowing) {
    return readings.apply("Window", windowing).apply("Stats", Stats.<String>perKey());
  }

  /** The statistics of {@code values} as emitted for {@code sensor}. */
  static KV<String, Stats> kv(String sensor, double... values) {
    return KV.of(sensor, Stats.ofValues(values));
  }

  /** An expected attached pane. */
  static Windowed<KV<String, Stats>> pane(
      IntervalWindow window,
      Timing timing,
      long index,
      boolean first,
      boolean last,
      KV<String, Stats> stats) {
    return Windowed.of(stats, window.start(), window.end(), timing, index, first, last);
  }

  /** Beam's own count of elements dropped for lateness, whichever runner class reports it. */
  static long droppedDueToLateness(PipelineResult result) {
    long dropped = 0;
    for (MetricResult<Long> counter :
        result.metrics().queryMetrics(MetricsFilter.builder().build()).getCounters()) {
      // The DirectRunner names it "DroppedDueToLateness", runners-core "droppedDueToLateness".
      if (counter.getName().getName().equalsIgnoreCase("droppedDueToLateness")) {
        dropped += counter.getAttempted();
      }
    }
    return dropped;
  }
}
