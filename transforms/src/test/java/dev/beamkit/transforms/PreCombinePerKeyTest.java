package dev.beamkit.transforms;

import static dev.beamkit.transforms.StatsPanes.at;
import static dev.beamkit.transforms.StatsPanes.atMillis;
import static dev.beamkit.transforms.StatsPanes.kv;
import static dev.beamkit.transforms.StatsPanes.pane;
import static dev.beamkit.transforms.StatsPanes.reading;
import static dev.beamkit.transforms.StatsPanes.readings;
import static dev.beamkit.transforms.StatsPanes.window;
import static org.junit.Assert.assertEquals;

import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.TimestampCombiner;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * {@link PreCombinePerKey} with {@link StatsFn} gives the panes {@code Combine.perKey} gives (the
 * cases of {@link TriggeredWindowsTest}), and the output timestamps the window's timestamp combiner
 * makes.
 */
@RunWith(JUnit4.class)
@SuppressWarnings("unchecked") // PAssert.containsInAnyOrder takes generic varargs
public class PreCombinePerKeyTest {
  private static final Duration ONE_SECOND = Duration.standardSeconds(1);

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static PCollection<KV<String, Stats>> preCombinedStats(
      PCollection<KV<String, Double>> readings, TriggeredWindows.Fixed<KV<String, Double>> windowing) {
    return readings
        .apply("Window", windowing)
        .apply("Stats", PreCombinePerKey.<String, Double, StatsFn.Accumulator, Stats>of(new StatsFn()));
  }

  @Test
  public void manyReadingsPerBundleGiveOnePanePerKeyAndWindow() {
    TestStream<KV<String, Double>> stream =
        readings()
            .addElements(
                reading("Sensor1", 20, 1),
                reading("Sensor1", 22, 5),
                reading("Sensor2", 30, 3),
                reading("Sensor1", 25, 15),
                reading("Sensor2", 31, 9))
            .addElements(reading("Sensor1", 27, 16))
            .advanceWatermarkToInfinity();

    PCollection<Windowed<KV<String, Stats>>> panes =
        preCombinedStats(p.apply(stream), TriggeredWindows.fixed(StatsPanes.TEN_SECONDS))
            .apply(Windowed.attach());

    PAssert.that(panes)
        .containsInAnyOrder(
            pane(window(0), Timing.ON_TIME, 0, true, true, kv("Sensor1", 20, 22)),
            pane(window(0), Timing.ON_TIME, 0, true, true, kv("Sensor2", 30, 31)),
            pane(window(10), Timing.ON_TIME, 0, true, true, kv("Sensor1", 25, 27)));
    p.run().waitUntilFinish();
  }

  @Test
  public void lateReadingsFireAccumulatingLatePanes() {
    TestStream<KV<String, Double>> stream =
        readings()
            .addElements(reading("Sensor1", 20, 1), reading("Sensor1", 24, 4))
            .advanceWatermarkTo(atMillis(10_500))
            .addElements(reading("Sensor1", 31, 7))
            .addElements(reading("Sensor1", 19, 8))
            .advanceWatermarkToInfinity();

    PCollection<Windowed<KV<String, Stats>>> panes =
        preCombinedStats(
                p.apply(stream),
                TriggeredWindows.<KV<String, Double>>fixed(StatsPanes.TEN_SECONDS)
                    .withAllowedLateness(ONE_SECOND))
            .apply(Windowed.attach());

    IntervalWindow first = window(0);
    PAssert.that(panes)
        .containsInAnyOrder(
            pane(first, Timing.ON_TIME, 0, true, false, kv("Sensor1", 20, 24)),
            pane(first, Timing.LATE, 1, false, false, kv("Sensor1", 20, 24, 31)),
            pane(first, Timing.LATE, 2, false, false, kv("Sensor1", 20, 24, 31, 19)));
    p.run().waitUntilFinish();
  }

  @Test
  public void tooLateReadingsAreDroppedAndCounted() {
    TestStream<KV<String, Double>> stream =
        readings()
            .addElements(reading("Sensor1", 20, 1), reading("Sensor1", 22, 6))
            .advanceWatermarkTo(at(12))
            .addElements(reading("Sensor1", 99, 8), reading("Sensor1", 23, 14))
            .advanceWatermarkToInfinity();

    PCollection<Windowed<KV<String, Stats>>> panes =
        preCombinedStats(
                p.apply(stream),
                TriggeredWindows.<KV<String, Double>>fixed(StatsPanes.TEN_SECONDS)
                    .withAllowedLateness(ONE_SECOND))
            .apply(Windowed.attach());

    PAssert.that(panes)
        .containsInAnyOrder(
            pane(window(0), Timing.ON_TIME, 0, true, true, kv("Sensor1", 20, 22)),
            pane(window(10), Timing.ON_TIME, 0, true, true, kv("Sensor1", 23)));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(1, StatsPanes.droppedDueToLateness(result));
  }

  @Test
  public void outputTimestampsFollowTheTimestampCombiner() {
    PCollection<KV<String, Double>> input =
        p.apply(
            Create.timestamped(
                    TimestampedValue.of(KV.of("Sensor1", 1.0), at(2)),
                    TimestampedValue.of(KV.of("Sensor1", 2.0), at(7)),
                    TimestampedValue.of(KV.of("Sensor1", 3.0), at(4)))
                .withCoder(KvCoder.of(StringUtf8Coder.of(), DoubleCoder.of())));

    PCollection<Instant> latest =
        input
            .apply(
                "Latest",
                Window.<KV<String, Double>>into(
                        org.apache.beam.sdk.transforms.windowing.FixedWindows.of(
                            StatsPanes.TEN_SECONDS))
                    .withTimestampCombiner(TimestampCombiner.LATEST))
            .apply("StatsLatest", PreCombinePerKey.<String, Double, StatsFn.Accumulator, Stats>of(new StatsFn()))
            .apply("TimestampsLatest", ParDo.of(new TimestampOf()));
    PCollection<Instant> earliest =
        input
            .apply(
                "Earliest",
                Window.<KV<String, Double>>into(
                        org.apache.beam.sdk.transforms.windowing.FixedWindows.of(
                            StatsPanes.TEN_SECONDS))
                    .withTimestampCombiner(TimestampCombiner.EARLIEST))
            .apply("StatsEarliest", PreCombinePerKey.<String, Double, StatsFn.Accumulator, Stats>of(new StatsFn()))
            .apply("TimestampsEarliest", ParDo.of(new TimestampOf()));

    PAssert.that(latest).containsInAnyOrder(at(7));
    PAssert.that(earliest).containsInAnyOrder(at(2));
    p.run().waitUntilFinish();
  }

  /** Each element's timestamp. */
  private static final class TimestampOf extends DoFn<KV<String, Stats>, Instant> {
    @ProcessElement
    public void process(@Timestamp Instant timestamp, OutputReceiver<Instant> out) {
      out.output(timestamp);
    }
  }
}
