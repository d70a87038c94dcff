package dev.beamkit.transforms;

import static dev.beamkit.transforms.StatsPanes.at;
import static dev.beamkit.transforms.StatsPanes.window;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * {@link TopN} after a windowed count, pane by pane: the ON_TIME top list, a LATE pane whose
 * late word changes the list, a too-late word that changes nothing, ties in item order.
 */
@RunWith(JUnit4.class)
@SuppressWarnings("unchecked") // PAssert.containsInAnyOrder takes generic varargs
public class TopNTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static TimestampedValue<String> word(String word, long second) {
    return TimestampedValue.of(word, at(second));
  }

  private static List<KV<String, Long>> top(Object... wordsAndCounts) {
    List<KV<String, Long>> top = new java.util.ArrayList<>();
    for (int i = 0; i < wordsAndCounts.length; i += 2) {
      top.add(KV.of((String) wordsAndCounts[i], ((Integer) wordsAndCounts[i + 1]).longValue()));
    }
    return top;
  }

  private static Windowed<List<KV<String, Long>>> pane(
      IntervalWindow window, Timing timing, long index, boolean last, List<KV<String, Long>> top) {
    return Windowed.of(top, window.start(), window.end(), timing, index, index == 0, last);
  }

  /** Words → 10 s windows with 5 s lateness → count per word → top 3 per window. */
  private static PCollection<List<KV<String, Long>>> topThreeWords(PCollection<String> words) {
    return words
        .apply(
            "Window",
            TriggeredWindows.<String>fixed(Duration.standardSeconds(10))
                .withAllowedLateness(Duration.standardSeconds(5)))
        .apply("Count", Count.perElement())
        .apply("Top3", TopN.<String, Long>perWindow(3));
  }

  @Test
  public void testTopWordsOnTimeLateAndDroppablyLate() {
    TestStream<String> stream =
        TestStream.create(StringUtf8Coder.of())
            .addElements(word("kiwi", 1), word("kiwi", 2), word("kiwi", 3), word("pear", 4))
            .addElements(word("pear", 5), word("apple", 6), word("apple", 7), word("fig", 8))
            .addElements(word("fig", 12))
            .advanceWatermarkTo(at(11))
            // Late but allowed: pear (re-counted 3 upstream) overtakes apple, ties with kiwi.
            .addElements(word("pear", 9))
            .advanceWatermarkTo(at(16))
            // Past the first window's end plus 5 s: dropped, the list stays.
            .addElements(word("fig", 2), word("fig", 3), word("fig", 4))
            .advanceWatermarkToInfinity();

    PCollection<List<KV<String, Long>>> top = topThreeWords(p.apply(stream));

    IntervalWindow first = window(0);
    IntervalWindow second = window(10);
    // Tie at 2 between apple and pear: apple first, by item order; fig (1) misses the cut.
    PAssert.that(top).inOnTimePane(first).containsInAnyOrder(top("kiwi", 3, "apple", 2, "pear", 2));
    // Tie at 3 between kiwi and pear: kiwi first. pear's stale count 2 from the ON_TIME pane
    // is gone (an accumulating pane sees both), so apple keeps third place.
    PAssert.that(top).inLatePane(first).containsInAnyOrder(top("kiwi", 3, "pear", 3, "apple", 2));
    PAssert.that(top)
        .inWindow(first)
        .containsInAnyOrder(
            top("kiwi", 3, "apple", 2, "pear", 2), top("kiwi", 3, "pear", 3, "apple", 2));
    PAssert.that(top).inOnTimePane(second).containsInAnyOrder(top("fig", 1));
    PAssert.that(top).inFinalPane(second).containsInAnyOrder(top("fig", 1));
    PAssert.that(top.apply(Windowed.attach()))
        .containsInAnyOrder(
            pane(first, Timing.ON_TIME, 0, false, top("kiwi", 3, "apple", 2, "pear", 2)),
            pane(first, Timing.LATE, 1, false, top("kiwi", 3, "pear", 3, "apple", 2)),
            pane(second, Timing.ON_TIME, 0, true, top("fig", 1)));
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(3, StatsPanes.droppedDueToLateness(result));
  }

  @Test
  public void testTopPerKeyRanksEachKeyOnItsOwn() {
    TestStream<KV<String, KV<String, Long>>> stream =
        TestStream.create(
                KvCoder.of(
                    StringUtf8Coder.of(), KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())))
            .addElements(
                TimestampedValue.of(KV.of("click", KV.of("/home", 5L)), at(1)),
                TimestampedValue.of(KV.of("click", KV.of("/cart", 9L)), at(2)),
                TimestampedValue.of(KV.of("click", KV.of("/about", 5L)), at(3)),
                TimestampedValue.of(KV.of("submit", KV.of("/cart", 2L)), at(4)),
                // The same item twice keeps its best score only.
                TimestampedValue.of(KV.of("submit", KV.of("/cart", 4L)), at(5)))
            .advanceWatermarkToInfinity();

    PCollection<KV<String, List<KV<String, Long>>>> top =
        p.apply(stream)
            .apply(TriggeredWindows.fixed(Duration.standardSeconds(10)))
            .apply(TopN.<String, String, Long>perKey(2));

    PAssert.that(top)
        .inOnTimePane(window(0))
        .containsInAnyOrder(
            KV.of("click", top("/cart", 9, "/about", 5)), KV.of("submit", top("/cart", 4)));
    p.run().waitUntilFinish();
  }

  @Test
  public void testRejectsNonPositiveN() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TopN.<String, Long>perWindow(0));
    assertEquals("TopN needs n >= 1, got 0", e.getMessage());
  }
}
