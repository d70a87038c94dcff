package dev.beamkit.transforms;

import static dev.beamkit.transforms.StatsPanes.at;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.WindowingStrategy;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * The lateness matrix of {@link TriggeredWindows#sliding} and {@link TriggeredWindows#sessions}, as {@link
 * TriggeredWindowsTest} has it for fixed windows: ON_TIME pane, LATE pane within the allowed lateness
 * (accumulating), too late dropped and counted, and discarding mode.
 */
@RunWith(JUnit4.class)
@SuppressWarnings("unchecked") // PAssert.containsInAnyOrder takes generic varargs
public class WindowShapesTest {
  private static final Duration FIVE_SECONDS = Duration.standardSeconds(5);

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static TimestampedValue<KV<String, Long>> hit(String key, long amount, long second) {
    return TimestampedValue.of(KV.of(key, amount), at(second));
  }

  private static TestStream.Builder<KV<String, Long>> hits() {
    return TestStream.create(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of()));
  }

  private static IntervalWindow window(long startSecond, long endSecond) {
    return new IntervalWindow(at(startSecond), at(endSecond));
  }

  private static Windowed<KV<String, Long>> pane(
      IntervalWindow w, Timing timing, long index, boolean last, String key, long sum) {
    return Windowed.of(KV.of(key, sum), w.start(), w.end(), timing, index, index == 0, last);
  }

  private static PCollection<KV<String, Long>> sums(
      PCollection<KV<String, Long>> hits, PanedWindows<KV<String, Long>> windowing) {
    return hits.apply("Window", windowing).apply("Sum", Sum.longsPerKey());
  }

  /** 10 s windows every 5 s with 5 s lateness. */
  private static PanedWindows<KV<String, Long>> hopping() {
    return TriggeredWindows.<KV<String, Long>>sliding(Duration.standardSeconds(10), FIVE_SECONDS)
        .withAllowedLateness(FIVE_SECONDS);
  }

  @Test
  public void testSlidingOnTimeLateAndDroppablyLate() {
    TestStream<KV<String, Long>> stream =
        hits()
            .addElements(hit("a", 1, 7), hit("a", 10, 12))
            .advanceWatermarkTo(at(16))
            // Its windows are [0,10), closed for good at 15, and [5,15), late but allowed.
            .addElements(hit("a", 100, 8))
            .advanceWatermarkToInfinity();

    PCollection<KV<String, Long>> sums = sums(p.apply(stream), hopping());

    IntervalWindow w0 = window(0, 10);
    IntervalWindow w5 = window(5, 15);
    IntervalWindow w10 = window(10, 20);
    PAssert.that(sums).inOnTimePane(w0).containsInAnyOrder(KV.of("a", 1L));
    PAssert.that(sums).inLatePane(w0).empty();
    PAssert.that(sums).inOnTimePane(w5).containsInAnyOrder(KV.of("a", 11L));
    PAssert.that(sums).inLatePane(w5).containsInAnyOrder(KV.of("a", 111L));
    PAssert.that(sums).inWindow(w10).containsInAnyOrder(KV.of("a", 10L));
    PAssert.that(sums.apply(Windowed.attach()))
        .containsInAnyOrder(
            // The watermark jumps past [0,10)'s end and lateness at once: its pane is also last.
            pane(w0, Timing.ON_TIME, 0, true, "a", 1),
            pane(w5, Timing.ON_TIME, 0, false, "a", 11),
            pane(w5, Timing.LATE, 1, false, "a", 111),
            // The watermark jumps to infinity, past end and lateness at once: the pane is last.
            pane(w10, Timing.ON_TIME, 0, true, "a", 10));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    // One element, dropped from one of its two windows.
    assertEquals(1, StatsPanes.droppedDueToLateness(result));
  }

  @Test
  public void testSlidingDiscarding() {
    TestStream<KV<String, Long>> stream =
        hits()
            .addElements(hit("a", 1, 7))
            .advanceWatermarkTo(at(16))
            .addElements(hit("a", 100, 8))
            .advanceWatermarkToInfinity();

    PCollection<KV<String, Long>> sums =
        sums(p.apply(stream), hopping().discardingFiredPanes());

    IntervalWindow w5 = window(5, 15);
    PAssert.that(sums).inOnTimePane(w5).containsInAnyOrder(KV.of("a", 1L));
    PAssert.that(sums).inLatePane(w5).containsInAnyOrder(KV.of("a", 100L));
    p.run().waitUntilFinish();
  }

  /** Sessions with a 5 s gap and 5 s lateness. */
  private static PanedWindows<KV<String, Long>> sessions() {
    return TriggeredWindows.<KV<String, Long>>sessions(FIVE_SECONDS).withAllowedLateness(FIVE_SECONDS);
  }

  @Test
  public void testSessionsOnTimeLateAndDroppablyLate() {
    TestStream<KV<String, Long>> stream =
        hits()
            // a: one session [1, 8); b: two sessions, [1, 6) and [20, 25).
            .addElements(hit("a", 1, 1), hit("a", 2, 3), hit("b", 10, 1), hit("b", 20, 20))
            .advanceWatermarkTo(at(10))
            // Late but allowed, inside a's closed session: a LATE pane of the same session.
            .addElements(hit("a", 4, 2))
            .advanceWatermarkTo(at(14))
            // a's session [1, 8) expired at 13: this one is dropped.
            .addElements(hit("a", 8, 2))
            .advanceWatermarkToInfinity();

    PCollection<KV<String, Long>> sums = sums(p.apply(stream), sessions());

    IntervalWindow a = window(1, 8);
    IntervalWindow b1 = window(1, 6);
    IntervalWindow b2 = window(20, 25);
    PAssert.that(sums).inOnTimePane(a).containsInAnyOrder(KV.of("a", 3L));
    PAssert.that(sums).inLatePane(a).containsInAnyOrder(KV.of("a", 7L));
    PAssert.that(sums).inOnTimePane(b1).containsInAnyOrder(KV.of("b", 10L));
    PAssert.that(sums).inFinalPane(b2).containsInAnyOrder(KV.of("b", 20L));
    PAssert.that(sums.apply(Windowed.attach()))
        .containsInAnyOrder(
            pane(a, Timing.ON_TIME, 0, false, "a", 3),
            pane(a, Timing.LATE, 1, false, "a", 7),
            pane(b1, Timing.ON_TIME, 0, false, "b", 10),
            pane(b2, Timing.ON_TIME, 0, true, "b", 20));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(1, StatsPanes.droppedDueToLateness(result));
  }

  @Test
  public void testSessionsLateElementExtendingAClosedSession() {
    TestStream<KV<String, Long>> stream =
        hits()
            .addElements(hit("a", 1, 1), hit("a", 2, 3))
            .advanceWatermarkTo(at(10))
            // Behind the watermark, yet [6, 11) merges with the fired [1, 8) into [1, 11),
            // which ends after the watermark.
            .addElements(hit("a", 4, 6))
            .advanceWatermarkToInfinity();

    PCollection<KV<String, Long>> sums = sums(p.apply(stream), sessions());

    // Not a LATE pane of [1, 8) but the first, ON_TIME pane of a new, longer session: a sink
    // keyed by window sees the extended session under a new key beside the old one.
    PAssert.that(sums.apply(Windowed.attach()))
        .containsInAnyOrder(
            pane(window(1, 8), Timing.ON_TIME, 0, false, "a", 3),
            pane(window(1, 11), Timing.ON_TIME, 0, true, "a", 7));
    p.run().waitUntilFinish();
  }

  @Test
  public void testSessionsMergeOnTime() {
    TestStream<KV<String, Long>> stream =
        hits()
            // [1, 6) and [9, 14) stay apart; [5, 10) then bridges them into [1, 14).
            .addElements(hit("a", 1, 1), hit("a", 2, 9))
            .addElements(hit("a", 4, 5))
            .advanceWatermarkToInfinity();

    PCollection<KV<String, Long>> sums = sums(p.apply(stream), sessions());

    PAssert.that(sums).inOnTimePane(window(1, 14)).containsInAnyOrder(KV.of("a", 7L));
    p.run().waitUntilFinish();
  }

  @Test
  public void testShapesCarryTheSettings() {
    PCollection<KV<String, Long>> windowed =
        p.apply(hits().advanceWatermarkToInfinity())
            .apply(sessions().discardingFiredPanes());

    WindowingStrategy<?, ?> strategy = windowed.getWindowingStrategy();
    assertEquals(FIVE_SECONDS, strategy.getAllowedLateness());
    assertEquals(WindowingStrategy.AccumulationMode.DISCARDING_FIRED_PANES, strategy.getMode());
    assertEquals(sessions().trigger().toString(), strategy.getTrigger().toString());
    p.run().waitUntilFinish();
  }

  @Test
  public void testRejectsNonsenseShapes() {
    assertThrows(
        IllegalArgumentException.class,
        () -> TriggeredWindows.sliding(Duration.standardSeconds(5), Duration.standardSeconds(10)));
    assertThrows(
        IllegalArgumentException.class,
        () -> TriggeredWindows.sliding(Duration.standardSeconds(5), Duration.ZERO));
    assertThrows(IllegalArgumentException.class, () -> TriggeredWindows.sessions(Duration.ZERO));
    assertThrows(
        IllegalArgumentException.class, () -> sessions().withAllowedLateness(Duration.millis(-1)));
  }
}
