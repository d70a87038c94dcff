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
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import dev.beamkit.transforms.StatsPanes.Computed;
import dev.beamkit.transforms.StatsPanes.Engine;
import java.util.List;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.WindowingStrategy;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

/**
 * The lateness matrix of {@link TriggeredWindows} feeding {@link Stats#perKey()}, after Beam's
 * LeaderBoardTest: on time, speculative, observably late, droppably late, plus discarding mode.
 * Each test asserts every pane (window, timing, index, first/last and exact statistics) through
 * {@link Windowed#attach()}, and the same panes again through PAssert's pane matchers.
 *
 * <p>Each case runs on both engines, Beam's window operator and the stateful {@link
 * WindowedCombine}, with the same expected panes; the stateful engine must also put exactly the
 * droppably late readings on its too-late output. It refuses early firings and discarding panes,
 * which those cases check instead.
 */
@RunWith(Parameterized.class)
@SuppressWarnings("unchecked") // PAssert.containsInAnyOrder takes generic varargs
public class TriggeredWindowsTest {
  private static final Duration ONE_SECOND = Duration.standardSeconds(1);

  @Rule public final transient TestPipeline p = TestPipeline.create();

  @Parameters(name = "{0}")
  public static List<Engine> engines() {
    return List.of(Engine.BEAM, Engine.STATEFUL);
  }

  @Parameter public Engine engine;

  /** The statistics of {@code readings} on this case's engine. */
  private Computed stats(
      PCollection<KV<String, Double>> readings, TriggeredWindows.Fixed<KV<String, Double>> windowing) {
    return StatsPanes.stats(readings, windowing, engine);
  }

  /** On the stateful engine: nothing, or exactly {@code expected}, came too late. */
  @SafeVarargs
  private void assertTooLate(Computed computed, Windowed<KV<String, Double>>... expected) {
    if (engine == Engine.STATEFUL) {
      PAssert.that(computed.tooLate()).containsInAnyOrder(expected);
    }
  }

  /** The stateful engine refuses settings it does not implement, before any step is applied. */
  private boolean refusedByStatefulEngine(TriggeredWindows.Fixed<KV<String, Double>> windowing) {
    if (engine == Engine.STATEFUL) {
      assertThrows(
          IllegalArgumentException.class, () -> WindowedCombine.of(windowing, new StatsFn()));
      return true;
    }
    return false;
  }

  private static TriggeredWindows.Fixed<KV<String, Double>> tenSeconds() {
    return TriggeredWindows.fixed(StatsPanes.TEN_SECONDS);
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

    Computed computed = stats(p.apply(stream), tenSeconds());
    PCollection<KV<String, Stats>> stats = computed.stats();
    assertTooLate(computed);

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

    TriggeredWindows.Fixed<KV<String, Double>> windowing =
        tenSeconds().withEarlyFirings(Duration.standardSeconds(5));
    if (refusedByStatefulEngine(windowing)) {
      return;
    }
    PCollection<KV<String, Stats>> stats = stats(p.apply(stream), windowing).stats();

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

    TriggeredWindows.Fixed<KV<String, Double>> windowing =
        tenSeconds().withEarlyFirings(Duration.standardSeconds(5)).discardingFiredPanes();
    if (refusedByStatefulEngine(windowing)) {
      return;
    }
    PCollection<KV<String, Stats>> stats = stats(p.apply(stream), windowing).stats();

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

    Computed computed = stats(p.apply(stream), tenSeconds().withAllowedLateness(ONE_SECOND));
    PCollection<KV<String, Stats>> stats = computed.stats();
    assertTooLate(computed);

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
  public void testStatsObservablyLateFirstReadingOfItsKey() {
    TestStream<KV<String, Double>> stream =
        readings()
            .addElements(reading("Sensor1", 20, 1))
            .advanceWatermarkTo(atMillis(10_500))
            .addElements(reading("Sensor2", 30, 5))
            .advanceWatermarkToInfinity();

    Computed computed = stats(p.apply(stream), tenSeconds().withAllowedLateness(ONE_SECOND));
    assertTooLate(computed);

    // Sensor2's window had no ON_TIME pane: its first pane is LATE, index 0.
    IntervalWindow first = window(0);
    PAssert.that(computed.stats().apply(Windowed.attach()))
        .containsInAnyOrder(
            pane(first, Timing.ON_TIME, 0, true, false, kv("Sensor1", 20)),
            pane(first, Timing.LATE, 0, true, false, kv("Sensor2", 30)));
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

    TriggeredWindows.Fixed<KV<String, Double>> windowing =
        tenSeconds().withAllowedLateness(ONE_SECOND).discardingFiredPanes();
    if (refusedByStatefulEngine(windowing)) {
      return;
    }
    PCollection<KV<String, Stats>> stats = stats(p.apply(stream), windowing).stats();

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

    Computed computed = stats(p.apply(stream), tenSeconds().withAllowedLateness(ONE_SECOND));
    PCollection<KV<String, Stats>> stats = computed.stats();
    IntervalWindow first = window(0);
    IntervalWindow second = window(10);
    assertTooLate(computed, StatsPanes.tooLate("Sensor1", 99, first));
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
    // Beam drops and counts it; the stateful engine hands it on instead (asserted above).
    assertEquals(engine == Engine.BEAM ? 1 : 0, StatsPanes.droppedDueToLateness(result));
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
  public void testStatsCarryTheWindowingStrategy() {
    TriggeredWindows.Fixed<KV<String, Double>> windowing = tenSeconds().withAllowedLateness(ONE_SECOND);
    PCollection<KV<String, Stats>> stats =
        stats(p.apply(readings().advanceWatermarkToInfinity()), windowing).stats();

    // Both engines hand on the windowing strategy TriggeredWindows sets, so steps after them agree.
    WindowingStrategy<?, ?> strategy = stats.getWindowingStrategy();
    assertEquals(ONE_SECOND, strategy.getAllowedLateness());
    assertEquals(WindowingStrategy.AccumulationMode.ACCUMULATING_FIRED_PANES, strategy.getMode());
    assertEquals(windowing.trigger().toString(), strategy.getTrigger().toString());
    assertEquals(FixedWindows.of(StatsPanes.TEN_SECONDS), strategy.getWindowFn());
    p.run().waitUntilFinish();
  }

  @Test
  public void testRejectsNonsenseDurations() {
    assertThrows(IllegalArgumentException.class, () -> TriggeredWindows.fixed(Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class,
        () -> tenSeconds().withAllowedLateness(Duration.millis(-1)));
    assertThrows(IllegalArgumentException.class, () -> tenSeconds().withEarlyFirings(Duration.ZERO));
  }
}
