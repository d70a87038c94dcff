package dev.beamkit.transforms;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** {@link Filter}: what passes, what is dropped, what is dead-lettered, what does not parse. */
@RunWith(JUnit4.class)
public class FilterTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static RawRecord json(String text) {
    return RawRecord.fromLog("in", 0, text.hashCode() & 0xffff, null, text.getBytes(StandardCharsets.UTF_8));
  }

  private static boolean matches(String predicate, String json) throws Exception {
    return FieldPredicate.parse(predicate).test(JSON.readTree(json).get("f"));
  }

  private static String notEvaluable(String predicate, String json) throws Exception {
    JsonNode f = JSON.readTree(json).get("f");
    return assertThrows(FieldPredicate.NotComparableException.class, () -> FieldPredicate.parse(predicate).test(f))
        .getMessage();
  }

  @Test
  public void testComparisons() throws Exception {
    assertTrue(matches("f > 50", "{\"f\":50.5}"));
    assertFalse(matches("f > 50", "{\"f\":50}"));
    assertTrue(matches("f >= 50", "{\"f\":50}"));
    assertTrue(matches("f < -1.5", "{\"f\":-2}"));
    assertTrue(matches("f <= 1e3", "{\"f\":1000}"));
    assertTrue(matches("f == 50", "{\"f\":50.0}"));
    assertTrue(matches("f != 50", "{\"f\":51}"));
    assertTrue(matches("f == click", "{\"f\":\"click\"}"));
    assertTrue(matches("f == 'two words'", "{\"f\":\"two words\"}"));
    assertTrue(matches("f != \"DE\"", "{\"f\":\"FR\"}"));
    assertTrue(matches("f > \"2024-03-01\"", "{\"f\":\"2024-03-01T12:00:00\"}"));
    assertTrue(matches("f == true", "{\"f\":true}"));
    // A quoted number is a string: it matches the string, not the number.
    assertTrue(matches("f == '42'", "{\"f\":\"42\"}"));
  }

  @Test
  public void testInLists() throws Exception {
    assertTrue(matches("f in (click, submit)", "{\"f\":\"submit\"}"));
    assertFalse(matches("f in (click, submit)", "{\"f\":\"view\"}"));
    assertTrue(matches("f not in (click, submit)", "{\"f\":\"view\"}"));
    assertFalse(matches("f NOT IN (click,submit)", "{\"f\":\"click\"}"));
    assertTrue(matches("f in (1, 2, 3)", "{\"f\":2.0}"));
    // Mixed lists compare each value with the literals of its own type.
    assertTrue(matches("f in (none, 0)", "{\"f\":0}"));
  }

  @Test
  public void testTypeMismatchesCannotBeEvaluated() throws Exception {
    assertEquals("field \"f\" is a string, cannot evaluate f > 50", notEvaluable("f > 50", "{\"f\":\"hot\"}"));
    assertEquals("field \"f\" is null, cannot evaluate f > 50", notEvaluable("f > 50", "{\"f\":null}"));
    assertEquals("field \"f\" is a number, cannot evaluate f in (a, b)", notEvaluable("f in (a, b)", "{\"f\":1}"));
    assertEquals("field \"f\" is an object, cannot evaluate f == x", notEvaluable("f == x", "{\"f\":{}}"));
    assertEquals("field \"f\" is an array, cannot evaluate f != 1", notEvaluable("f != 1", "{\"f\":[1]}"));
  }

  @Test
  public void testMalformedPredicatesFailInOneLine() {
    for (String bad :
        List.of(
            "",
            "value",
            "value >",
            "value > > 3",
            "value = 3",
            "value in click",
            "value in (click",
            "value in (click submit)",
            "value in ()",
            "value > 3 and x < 2",
            "value == \"unclosed",
            "> 3")) {
      IllegalArgumentException e = assertThrows(bad, IllegalArgumentException.class, () -> Filter.where(bad));
      assertTrue(e.getMessage(), e.getMessage().startsWith("Invalid filter predicate \"" + bad + "\": "));
      assertFalse(e.getMessage(), e.getMessage().contains("\n"));
    }
  }

  @Test
  public void testPipelineKeepsDropsAndDeadLetters() {
    RawRecord hot = json("{\"sensor\":\"s1\",\"value\":72.5}");
    RawRecord cold = json("{\"sensor\":\"s2\",\"value\":20}");
    RawRecord nested = json("{\"sensor\":\"s3\",\"value\":{\"c\":99}}");
    RawRecord noValue = json("{\"sensor\":\"s4\"}");
    RawRecord text = json("{\"sensor\":\"s5\",\"value\":\"72\"}");
    RawRecord notJson = json("value > 50");
    RawRecord tombstone = RawRecord.of(null);

    WithFailures.Result<PCollection<RawRecord>, DeadLetter> result =
        p.apply(Create.of(hot, cold, nested, noValue, text, notJson, tombstone))
            .apply(Filter.where("value > 50"));

    PAssert.that(result.output()).containsInAnyOrder(hot);
    PAssert.that(reasons(result.failures()))
        .containsInAnyOrder(
            "filter {\"sensor\":\"s3\",\"value\":{\"c\":99}}: field \"value\" is an object, cannot evaluate value > 50",
            "filter {\"sensor\":\"s4\"}: field \"value\" is missing",
            "filter {\"sensor\":\"s5\",\"value\":\"72\"}: field \"value\" is a string, cannot evaluate value > 50",
            "filter value > 50: not JSON: Unrecognized token 'value': was expecting (JSON String, Number, Array, Object or token 'null', 'true' or 'false')",
            "filter null: record value is null");
    PipelineResult run = p.run();
    run.waitUntilFinish();
    assertEquals(1, counter(run, BeamkitMetrics.FILTERED_OUT));
    assertEquals(5, counter(run, BeamkitMetrics.DEAD_LETTERED));
  }

  @Test
  public void testNestedFieldAndInList() {
    RawRecord click = json("{\"e\":{\"type\":\"click\"}}");
    RawRecord view = json("{\"e\":{\"type\":\"view\"}}");
    RawRecord submit = json("{\"e\":{\"type\":\"submit\"}}");
    RawRecord flat = json("{\"e\":\"click\"}");

    WithFailures.Result<PCollection<RawRecord>, DeadLetter> result =
        p.apply(Create.of(click, view, submit, flat)).apply(Filter.where("e.type in (click, submit)"));

    PAssert.that(result.output()).containsInAnyOrder(click, submit);
    PAssert.that(reasons(result.failures()))
        .containsInAnyOrder("filter {\"e\":\"click\"}: field \"e.type\" is missing");
    p.run().waitUntilFinish();
  }

  /** Each dead letter as "step payload: message", the payload as text. */
  static PCollection<String> reasons(PCollection<DeadLetter> letters) {
    return letters.apply(
        "Reasons",
        MapElements.into(TypeDescriptors.strings())
            .via(
                d ->
                    d.step()
                        + " "
                        + (d.payload() == null ? "null" : new String(d.payload(), StandardCharsets.UTF_8))
                        + ": "
                        + d.errorMessage()));
  }

  static long counter(PipelineResult run, String name) {
    return StreamSupport.stream(
            run.metrics()
                .queryMetrics(
                    MetricsFilter.builder()
                        .addNameFilter(MetricNameFilter.named(BeamkitMetrics.NAMESPACE, name))
                        .build())
                .getCounters()
                .spliterator(),
            false)
        .mapToLong(c -> c.getAttempted())
        .sum();
  }
}
