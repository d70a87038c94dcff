package dev.beamkit.transforms;

import static dev.beamkit.transforms.StatsPanes.at;
import static dev.beamkit.transforms.StatsPanes.window;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * {@link Dedupe} on a TestStream: repeats inside the bound dropped (also when the retry falls into
 * the next window), ids independent of each other, the id new again once the watermark passes
 * the bound (its state is gone), and records without an id dead-lettered.
 */
@RunWith(JUnit4.class)
@SuppressWarnings("unchecked") // PAssert.containsInAnyOrder takes generic varargs
public class DedupeTest {
  private static final Duration TEN_SECONDS = Duration.standardSeconds(10);

  @Rule public final transient TestPipeline p = TestPipeline.create();

  /** An event with {@code id} and {@code attempt}, timestamped {@code second}. */
  private static TimestampedValue<RawRecord> event(String id, int attempt, long second) {
    return TimestampedValue.of(
        RawRecord.ofString("{\"id\":" + id + ",\"attempt\":" + attempt + "}"), at(second));
  }

  private static MapElements<RawRecord, String> payloads() {
    return MapElements.into(TypeDescriptors.strings())
        .via(r -> new String(r.value(), StandardCharsets.UTF_8));
  }

  @Test
  public void testDuplicatesInsideAndOutsideTheBound() {
    TestStream<RawRecord> stream =
        TestStream.create(RawRecord.Coder.of())
            .addElements(event("\"a\"", 1, 1), event("\"a\"", 2, 3), event("\"b\"", 1, 4))
            // A retry of a stamped later, in the next window: a (seen at 1 s) is kept until 11 s.
            .addElements(event("\"a\"", 3, 12))
            // The number 7 and the string "7" are one id.
            .addElements(event("7", 1, 5), event("\"7\"", 2, 6))
            .advanceWatermarkTo(at(10))
            // Watermark 10 s: a's bound (1 s + 10 s) has not passed, so still a repeat.
            .addElements(event("\"a\"", 4, 10))
            .advanceWatermarkTo(at(25))
            // a's and b's state expired at 11 s and 14 s: both are new again.
            .addElements(event("\"a\"", 5, 26), event("\"b\"", 2, 27))
            .addElements(TimestampedValue.of(RawRecord.ofString("{\"attempt\":1}"), at(27)))
            .advanceWatermarkToInfinity();

    WithFailures.Result<PCollection<RawRecord>, DeadLetter> once =
        p.apply(stream).apply(Dedupe.byField("id").within(TEN_SECONDS));

    PAssert.that(once.output().apply("Payloads", payloads()))
        .containsInAnyOrder(
            "{\"id\":\"a\",\"attempt\":1}",
            "{\"id\":\"b\",\"attempt\":1}",
            "{\"id\":7,\"attempt\":1}",
            "{\"id\":\"a\",\"attempt\":5}",
            "{\"id\":\"b\",\"attempt\":2}");
    PAssert.that(FilterTest.reasons(once.failures()))
        .containsInAnyOrder("dedupe {\"attempt\":1}: field \"id\" is missing");

    // Downstream windows see each id once per bound, in the window of its first record.
    PCollection<KV<String, Long>> perWindow =
        once.output()
            .apply(TriggeredWindows.fixed(TEN_SECONDS))
            .apply("PayloadsPerWindow", payloads())
            .apply(Count.perElement());
    PAssert.that(perWindow)
        .inOnTimePane(window(0))
        .containsInAnyOrder(
            KV.of("{\"id\":\"a\",\"attempt\":1}", 1L),
            KV.of("{\"id\":\"b\",\"attempt\":1}", 1L),
            KV.of("{\"id\":7,\"attempt\":1}", 1L));
    PAssert.that(perWindow).inWindow(window(10)).empty();
    PAssert.that(perWindow)
        .inOnTimePane(window(20))
        .containsInAnyOrder(
            KV.of("{\"id\":\"a\",\"attempt\":5}", 1L), KV.of("{\"id\":\"b\",\"attempt\":2}", 1L));

    PipelineResult run = p.run();
    run.waitUntilFinish();
    // a attempts 2, 3 and 4, and "7" attempt 2.
    assertEquals(4, FilterTest.counter(run, BeamkitMetrics.DUPLICATES_DROPPED));
    assertEquals(1, FilterTest.counter(run, BeamkitMetrics.DEAD_LETTERED));
  }

  @Test
  public void testIdsThatAreNotScalarsAreDeadLettered() {
    TestStream<RawRecord> stream =
        TestStream.create(RawRecord.Coder.of())
            .addElements(
                event("null", 1, 1), event("{\"n\":1}", 1, 1), event("[1]", 1, 1), event("true", 1, 1))
            .advanceWatermarkToInfinity();

    WithFailures.Result<PCollection<RawRecord>, DeadLetter> once =
        p.apply(stream).apply(Dedupe.byField("id").within(TEN_SECONDS));

    PAssert.that(once.output()).empty();
    PAssert.that(FilterTest.reasons(once.failures()))
        .containsInAnyOrder(
            "dedupe {\"id\":null,\"attempt\":1}: id field \"id\" is NULL, not a string or number",
            "dedupe {\"id\":{\"n\":1},\"attempt\":1}: id field \"id\" is OBJECT, not a string or number",
            "dedupe {\"id\":[1],\"attempt\":1}: id field \"id\" is ARRAY, not a string or number",
            "dedupe {\"id\":true,\"attempt\":1}: id field \"id\" is BOOLEAN, not a string or number");
    p.run().waitUntilFinish();
  }

  @Test
  public void testRejectsWindowedInputAndNonsenseSettings() {
    PCollection<RawRecord> windowed =
        p.apply(TestStream.create(RawRecord.Coder.of()).advanceWatermarkToInfinity())
            .apply(TriggeredWindows.fixed(TEN_SECONDS));
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> windowed.apply(Dedupe.byField("id")));
    assertEquals(
        "Dedupe must be applied before windowing (in the global window), not after FixedWindows",
        e.getMessage());
    assertThrows(IllegalArgumentException.class, () -> Dedupe.byField(" "));
    assertThrows(IllegalArgumentException.class, () -> Dedupe.byField("id").within(Duration.ZERO));
    p.enableAbandonedNodeEnforcement(false);
  }
}
