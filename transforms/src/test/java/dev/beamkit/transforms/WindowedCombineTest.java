package dev.beamkit.transforms;

import static dev.beamkit.transforms.StatsPanes.at;
import static dev.beamkit.transforms.StatsPanes.atMillis;
import static dev.beamkit.transforms.StatsPanes.kv;
import static dev.beamkit.transforms.StatsPanes.pane;
import static dev.beamkit.transforms.StatsPanes.reading;
import static dev.beamkit.transforms.StatsPanes.readings;
import static dev.beamkit.transforms.StatsPanes.window;
import static org.junit.Assert.assertEquals;

import dev.beamkit.transforms.StatsPanes.Computed;
import dev.beamkit.transforms.StatsPanes.Engine;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.KV;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * What only the stateful engine has: state cleared at end + allowed lateness (counted), readings
 * after that on the too-late output, and its one documented difference from Beam's panes. The
 * panes both engines share are asserted in {@link TriggeredWindowsTest} and {@link ScenarioFilesTest}.
 */
@RunWith(JUnit4.class)
@SuppressWarnings("unchecked") // PAssert.containsInAnyOrder takes generic varargs
public class WindowedCombineTest {
  private static final Duration ONE_SECOND = Duration.standardSeconds(1);

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private Computed stats(TestStream<KV<String, Double>> stream) {
    return StatsPanes.stats(
        p.apply(stream),
        TriggeredWindows.<KV<String, Double>>fixed(StatsPanes.TEN_SECONDS).withAllowedLateness(ONE_SECOND),
        Engine.STATEFUL);
  }

  @Test
  public void testNothingIsKeptOnceTheLatenessHasPassed() {
    TestStream<KV<String, Double>> stream =
        readings()
            .addElements(reading("Sensor1", 20, 1), reading("Sensor2", 30, 2))
            .advanceWatermarkTo(atMillis(10_500))
            .addElements(reading("Sensor1", 31, 7))
            // Past 12:00:10.999: the first window's state is cleared here ...
            .advanceWatermarkTo(at(12))
            // ... so this reading opens nothing: no new pane 0, no LATE pane 2, it is too late.
            .addElements(reading("Sensor1", 19, 8), reading("Sensor1", 25, 15))
            .advanceWatermarkToInfinity();

    Computed computed = stats(stream);

    IntervalWindow first = window(0);
    PAssert.that(computed.stats().apply(Windowed.attach()))
        .containsInAnyOrder(
            pane(first, Timing.ON_TIME, 0, true, false, kv("Sensor1", 20)),
            pane(first, Timing.ON_TIME, 0, true, false, kv("Sensor2", 30)),
            pane(first, Timing.LATE, 1, false, false, kv("Sensor1", 20, 31)),
            pane(window(10), Timing.ON_TIME, 0, true, true, kv("Sensor1", 25)));
    PAssert.that(computed.tooLate()).containsInAnyOrder(StatsPanes.tooLate("Sensor1", 19, first));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    // Three key-and-window states were opened, and every one was cleared again.
    assertEquals(3, CounterTotals.beamkit(result, BeamkitMetrics.WINDOWS_OPENED));
    assertEquals(3, CounterTotals.beamkit(result, BeamkitMetrics.WINDOWS_CLOSED));
    assertEquals(1, CounterTotals.beamkit(result, BeamkitMetrics.TOO_LATE));
  }

  @Test
  public void testLateReadingsOfOneBundleFireOneLatePaneEach() {
    // Beam's window operator fires one LATE pane for both (they arrive in one bundle); this
    // engine fires one per reading, and its last pane is the same.
    TestStream<KV<String, Double>> stream =
        readings()
            .addElements(reading("Sensor1", 20, 1))
            .advanceWatermarkTo(atMillis(10_500))
            .addElements(reading("Sensor1", 31, 7), reading("Sensor1", 31, 8))
            .advanceWatermarkToInfinity();

    Computed computed = stats(stream);

    IntervalWindow first = window(0);
    PAssert.that(computed.stats().apply(Windowed.attach()))
        .containsInAnyOrder(
            pane(first, Timing.ON_TIME, 0, true, false, kv("Sensor1", 20)),
            pane(first, Timing.LATE, 1, false, false, kv("Sensor1", 20, 31)),
            pane(first, Timing.LATE, 2, false, false, kv("Sensor1", 20, 31, 31)));
    p.run().waitUntilFinish();
  }

  @Test(expected = IllegalStateException.class)
  public void testRefusesAnInputWithoutKeyValueCoder() {
    p.enableAbandonedNodeEnforcement(false);
    p.apply(readings().advanceWatermarkToInfinity())
        .setCoder(org.apache.beam.sdk.coders.SerializableCoder.of((Class) KV.class))
        .apply(
            WindowedCombine.of(
                TriggeredWindows.<KV<String, Double>>fixed(StatsPanes.TEN_SECONDS), new StatsFn()));
  }
}
