package dev.beamkit.transforms;

import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.checkerframework.checker.nullness.qual.Nullable;
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

  /** Which windowed combine computes the statistics. */
  enum Engine {
    /** {@link TriggeredWindows} then {@link Stats#perKey()}: Beam's window operator. */
    BEAM,
    /** {@link WindowedCombine} with {@link StatsFn}: the stateful engine. */
    STATEFUL
  }

  /** The statistics and, from the stateful engine, the readings that came too late. */
  record Computed(
      PCollection<KV<String, Stats>> stats,
      @Nullable PCollection<Windowed<KV<String, Double>>> tooLate) {}

  /** Readings → the given windowing and {@link StatsFn}, on {@code engine}. */
  static Computed stats(
      PCollection<KV<String, Double>> readings,
      TriggeredWindows.Fixed<KV<String, Double>> windowing,
      Engine engine) {
    if (engine == Engine.BEAM) {
      return new Computed(
          readings.apply("Window", windowing).apply("Stats", Stats.<String>perKey()), null);
    }
    WithFailures.Result<PCollection<KV<String, Stats>>, Windowed<KV<String, Double>>> result =
        readings.apply("Stats", WindowedCombine.of(windowing, new StatsFn()));
    return new Computed(result.output(), result.failures());
  }

  /** A reading as the stateful engine's too-late output carries it: with its window, no pane. */
  static Windowed<KV<String, Double>> tooLate(String sensor, double value, IntervalWindow window) {
    return Windowed.of(
        KV.of(sensor, value), window.start(), window.end(), Timing.UNKNOWN, 0, false, false);
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
