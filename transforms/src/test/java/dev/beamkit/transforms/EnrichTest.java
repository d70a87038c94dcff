package dev.beamkit.transforms;

import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * {@link Enrich} on a TestStream that carries both streams: {@code "L <page> <title>"} lines are
 * lookup updates, {@code "E <page> <n>"} lines are the elements to enrich. Which title an element
 * gets shows which version of the lookup it saw.
 */
@RunWith(JUnit4.class)
@SuppressWarnings("unchecked") // PAssert.containsInAnyOrder takes generic varargs
public class EnrichTest {
  private static final Instant T0 = new Instant(1_709_294_400_000L); // 2024-03-01T12:00:00Z
  private static final Duration REFRESH = Duration.standardSeconds(30);

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static TimestampedValue<String> at(int second, String line) {
    return TimestampedValue.of(line, T0.plus(Duration.standardSeconds(second)));
  }

  private static String page(String line) {
    return line.split(" ")[1];
  }

  /** Splits the stream and enriches its elements, in 10 s windows, with its lookup updates. */
  private static WithFailures.Result<PCollection<KV<String, String>>, DeadLetter> enrich(
      PCollection<String> lines, Duration refresh) {
    PCollection<KV<String, String>> titles =
        lines
            .apply("Updates", Filter.by((String l) -> l.startsWith("L ")))
            .apply(
                "PageTitle",
                MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                    .via(l -> KV.of(page(l), l.split(" ")[2])));
    return lines
        .apply("Elements", Filter.by((String l) -> l.startsWith("E ")))
        .apply("Windowed", Window.into(FixedWindows.of(Duration.standardSeconds(10))))
        .apply("AddTitle", Enrich.withLookup(titles).by(EnrichTest::page).refreshedEvery(refresh));
  }

  private static PCollection<String> describe(PCollection<DeadLetter> letters) {
    return letters.apply(
        "Describe",
        MapElements.into(TypeDescriptors.strings())
            .via(d -> d.step() + "/" + d.exceptionType() + ": " + d.errorMessage() + " <- " + new String(d.payload(), StandardCharsets.UTF_8)));
  }

  private static IntervalWindow window(int startSecond) {
    return new IntervalWindow(T0.plus(Duration.standardSeconds(startSecond)), Duration.standardSeconds(10));
  }

  @Test
  public void everyUpdateIsSeenByTheNextElementWithoutARefreshDelay() {
    TestStream<String> stream =
        TestStream.create(StringUtf8Coder.of())
            .addElements(at(0, "L /home Home"), at(0, "L /pricing Prices"))
            .addElements(at(1, "E /home 1"), at(2, "E /pricing 2"), at(3, "E /nowhere 3"))
            .addElements(at(12, "L /home Start"))
            .addElements(at(15, "E /home 4"))
            .advanceWatermarkToInfinity();
    WithFailures.Result<PCollection<KV<String, String>>, DeadLetter> result = enrich(p.apply(stream), Duration.ZERO);

    PAssert.that(result.output())
        .inWindow(window(0))
        .containsInAnyOrder(KV.of("E /home 1", "Home"), KV.of("E /pricing 2", "Prices"));
    PAssert.that(result.output()).inWindow(window(10)).containsInAnyOrder(KV.of("E /home 4", "Start"));
    PAssert.that(describe(result.failures()))
        .containsInAnyOrder("enrich/lookup-missing: no lookup value for key /nowhere <- \"E /nowhere 3\"");
    p.run().waitUntilFinish();
  }

  @Test
  public void anUpdateIsSeenOnlyOnceTheLookupRefreshes() {
    TestStream<String> stream =
        TestStream.create(StringUtf8Coder.of())
            .addElements(at(0, "L /home Home"))
            .advanceProcessingTime(REFRESH.plus(Duration.standardSeconds(1)))
            .addElements(at(1, "E /home 1"))
            // The new title waits for the next refresh: an element before it still sees the old.
            .addElements(at(2, "L /home Start"))
            .addElements(at(3, "E /home 2"))
            .advanceProcessingTime(REFRESH.plus(Duration.standardSeconds(1)))
            .addElements(at(4, "E /home 3"))
            .advanceWatermarkToInfinity();
    WithFailures.Result<PCollection<KV<String, String>>, DeadLetter> result = enrich(p.apply(stream), REFRESH);

    PAssert.that(result.output())
        .inWindow(window(0))
        .containsInAnyOrder(KV.of("E /home 1", "Home"), KV.of("E /home 2", "Home"), KV.of("E /home 3", "Start"));
    PAssert.that(result.failures()).empty();
    p.run().waitUntilFinish();
  }

  @Test
  public void theLatestUpdateWinsWhateverTheOrderTheyArrive() {
    TestStream<String> stream =
        TestStream.create(StringUtf8Coder.of())
            .addElements(at(5, "L /home Newer"), at(1, "L /home Older"))
            .addElements(at(6, "E /home 1"))
            .advanceWatermarkToInfinity();
    PAssert.that(enrich(p.apply(stream), Duration.ZERO).output()).containsInAnyOrder(KV.of("E /home 1", "Newer"));
    p.run().waitUntilFinish();
  }
}
