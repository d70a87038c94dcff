package dev.beamkit.transforms;

import static dev.beamkit.transforms.StatsPanes.at;
import static dev.beamkit.transforms.StatsPanes.atMillis;
import static dev.beamkit.transforms.StatsPanes.kv;
import static dev.beamkit.transforms.StatsPanes.pane;
import static dev.beamkit.transforms.StatsPanes.reading;
import static dev.beamkit.transforms.StatsPanes.readings;
import static dev.beamkit.transforms.StatsPanes.window;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.WindowingStrategy;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * The lateness matrix of {@link Windowing} feeding {@link Stats#perKey()}, after Beam's
 * LeaderBoardTest: on time, speculative, observably late, droppably late, plus discarding mode.
 * Each test asserts every pane (window, timing, index, first/last and exact statistics) through
 * {@link Windowed#attach()}, and the same panes again through PAssert's pane matchers.
 */
@RunWith(JUnit4.class)
@SuppressWarnings("unchecked") // PAssert.containsInAnyOrder takes generic varargs
public class WindowingTest {
  private static final Duration ONE_SECOND = Duration.standardSeconds(1);

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static Windowing.Fixed<KV<String, Double>> tenSeconds() {
    return Windowing.fixed(StatsPanes.TEN_SECONDS);
  }

  @Test
  public void testStatsOnTime() {
    TestStream<KV<String, Double>> stream =
        readings()
            .addElements(reading("Sensor1", 20, 1), reading("Sensor1", 22, 5))
            .addElements(reading("Sensor2", 30, 3))
            .advanceWatermarkTo(at(10))
            .addElements(reading("Sensor1", 25, 15))
            .advanceWatermarkToInfinity();

    PCollection<KV<String, Stats>> stats = StatsPanes.stats(p.apply(stream), tenSeconds());

    IntervalWindow first = window(0);
    IntervalWindow second = window(10);
    PAssert.that(stats)
        .inOnTimePane(first)
        .containsInAnyOrder(kv("Sensor1", 20, 22), kv("Sensor2", 30));
    PAssert.that(stats).inFinalPane(first).containsInAnyOrder(kv("Sensor1", 20, 22), kv("Sensor2", 30));
    PAssert.that(stats).inOnTimePane(second).containsInAnyOrder(kv("Sensor1", 25));
    PAssert.that(stats.apply(Windowed.attach()))
        .containsInAnyOrder(
            pane(first, Timing.ON_TIME, 0, true, true, kv("Sensor1", 20, 22)),
            pane(first, Timing.ON_TIME, 0, true, true, kv("Sensor2", 30)),
            pane(second, Timing.ON_TIME, 0, true, true, kv("Sensor1", 25)));
    p.run().waitUntilFinish();
  }

  @Test
  public void testStatsSpeculative() {
    TestStream<KV<String, Double>> stream =
        readings()
            .addElements(reading("Sensor1", 20, 1))
            .advanceProcessingTime(Duration.standardSeconds(6))
            .addElements(reading("Sensor1", 24, 4))
            .advanceProcessingTime(Duration.standardSeconds(6))
            .advanceWatermarkTo(at(10))
            .advanceWatermarkToInfinity();

    PCollection<KV<String, Stats>> stats =
        StatsPanes.stats(
            p.apply(stream), tenSeconds().withEarlyFirings(Duration.standardSeconds(5)));

    IntervalWindow first = window(0);
    // Accumulating: the ON_TIME pane repeats the whole window although nothing new arrived.
    PAssert.that(stats)
        .inEarlyPane(first)
        .containsInAnyOrder(kv("Sensor1", 20), kv("Sensor1", 20, 24));
    PAssert.that(stats).inOnTimePane(first).containsInAnyOrder(kv("Sensor1", 20, 24));
    PAssert.that(stats.apply(Windowed.attach()))
        .containsInAnyOrder(
            pane(first, Timing.EARLY, 0, true, false, kv("Sensor1", 20)),
            pane(first, Timing.EARLY, 1, false, false, kv("Sensor1", 20, 24)),
            pane(first, Timing.ON_TIME, 2, false, true, kv("Sensor1", 20, 24)));
    p.run().waitUntilFinish();
  }

  @Test
  public void testStatsSpeculativeDiscarding() {
    TestStream<KV<String, Double>> stream =
        readings()
            .addElements(reading("Sensor1", 20, 1))
            .advanceProcessingTime(Duration.standardSeconds(6))
            .addElements(reading("Sensor1", 24, 4))
            .advanceProcessingTime(Duration.standardSeconds(6))
            .addElements(reading("Sensor2", 30, 2))
            .advanceProcessingTime(Duration.standardSeconds(6))
            .addElements(reading("Sensor2", 33, 8))
            .advanceWatermarkTo(at(10))
            .advanceWatermarkToInfinity();

    PCollection<KV<String, Stats>> stats =
        StatsPanes.stats(
            p.apply(stream),
            tenSeconds().withEarlyFirings(Duration.standardSeconds(5)).discardingFiredPanes());

    IntervalWindow first = window(0);
    // Sensor1 had nothing new at the end of the window: no (empty) ON_TIME pane for it.
    PAssert.that(stats).inOnTimePane(first).containsInAnyOrder(kv("Sensor2", 33));
    PAssert.that(stats.apply(Windowed.attach()))
        .containsInAnyOrder(
            pane(first, Timing.EARLY, 0, true, false, kv("Sensor1", 20)),
            pane(first, Timing.EARLY, 1, false, false, kv("Sensor1", 24)),
            pane(first, Timing.EARLY, 0, true, false, kv("Sensor2", 30)),
            pane(first, Timing.ON_TIME, 1, false, true, kv("Sensor2", 33)));
    p.run().waitUntilFinish();
  }

  @Test
  public void testStatsObservablyLate() {
    TestStream<KV<String, Double>> stream =
        readings()
            .addElements(reading("Sensor1", 20, 1), reading("Sensor1", 24, 4))
            .advanceWatermarkTo(atMillis(10_500))
            .addElements(reading("Sensor1", 31, 7))
            .addElements(reading("Sensor1", 19, 8))
            .advanceWatermarkToInfinity();

    PCollection<KV<String, Stats>> stats =
        StatsPanes.stats(p.apply(stream), tenSeconds().withAllowedLateness(ONE_SECOND));

    IntervalWindow first = window(0);
    PAssert.that(stats).inOnTimePane(first).containsInAnyOrder(kv("Sensor1", 20, 24));
    PAssert.that(stats)
        .inLatePane(first)
        .containsInAnyOrder(kv("Sensor1", 20, 24, 31), kv("Sensor1", 20, 24, 31, 19));
    PAssert.that(stats.apply(Windowed.attach()))
        .containsInAnyOrder(
            pane(first, Timing.ON_TIME, 0, true, false, kv("Sensor1", 20, 24)),
            pane(first, Timing.LATE, 1, false, false, kv("Sensor1", 20, 24, 31)),
            pane(first, Timing.LATE, 2, false, false, kv("Sensor1", 20, 24, 31, 19)));
    p.run().waitUntilFinish();
  }

  @Test
  public void testStatsObservablyLateDiscarding() {
    TestStream<KV<String, Double>> stream =
        readings()
            .addElements(reading("Sensor1", 20, 1), reading("Sensor1", 24, 4))
            .advanceWatermarkTo(atMillis(10_500))
            .addElements(reading("Sensor1", 31, 7))
            .advanceWatermarkToInfinity();

    PCollection<KV<String, Stats>> stats =
        StatsPanes.stats(
            p.apply(stream),
            tenSeconds().withAllowedLateness(ONE_SECOND).discardingFiredPanes());

    IntervalWindow first = window(0);
    PAssert.that(stats.apply(Windowed.attach()))
        .containsInAnyOrder(
            pane(first, Timing.ON_TIME, 0, true, false, kv("Sensor1", 20, 24)),
            pane(first, Timing.LATE, 1, false, false, kv("Sensor1", 31)));
    p.run().waitUntilFinish();
  }

  @Test
  public void testStatsDroppablyLate() {
    TestStream<KV<String, Double>> stream =
        readings()
            .addElements(reading("Sensor1", 20, 1), reading("Sensor1", 22, 6))
            // Past the end of the first window plus its one second of allowed lateness.
            .advanceWatermarkTo(at(12))
            .addElements(reading("Sensor1", 99, 8), reading("Sensor1", 23, 14))
            .advanceWatermarkToInfinity();

    PCollection<KV<String, Stats>> stats =
        StatsPanes.stats(p.apply(stream), tenSeconds().withAllowedLateness(ONE_SECOND));

    IntervalWindow first = window(0);
    IntervalWindow second = window(10);
    PAssert.that(stats).inWindow(first).containsInAnyOrder(kv("Sensor1", 20, 22));
    PAssert.that(stats).inLatePane(first).empty();
    PAssert.that(stats).inOnTimePane(second).containsInAnyOrder(kv("Sensor1", 23));
    PAssert.that(stats.apply(Windowed.attach()))
        .containsInAnyOrder(
            pane(first, Timing.ON_TIME, 0, true, true, kv("Sensor1", 20, 22)),
            // The watermark jumps to infinity, past end and lateness at once: the pane is last.
            pane(second, Timing.ON_TIME, 0, true, true, kv("Sensor1", 23)));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(1, StatsPanes.droppedDueToLateness(result));
  }

  @Test
  public void testWindowingStrategyMatchesSettings() {
    PCollection<KV<String, Double>> windowed =
        p.apply(readings().advanceWatermarkToInfinity())
            .apply(tenSeconds().withAllowedLateness(ONE_SECOND).discardingFiredPanes());

    WindowingStrategy<?, ?> strategy = windowed.getWindowingStrategy();
    assertEquals(ONE_SECOND, strategy.getAllowedLateness());
    assertEquals(WindowingStrategy.AccumulationMode.DISCARDING_FIRED_PANES, strategy.getMode());
    assertEquals(
        tenSeconds().trigger().toString(), strategy.getTrigger().toString());
    p.run().waitUntilFinish();
  }

  @Test
  public void testRejectsNonsenseDurations() {
    assertThrows(IllegalArgumentException.class, () -> Windowing.fixed(Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class,
        () -> tenSeconds().withAllowedLateness(Duration.millis(-1)));
    assertThrows(IllegalArgumentException.class, () -> tenSeconds().withEarlyFirings(Duration.ZERO));
  }
}
