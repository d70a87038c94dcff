package dev.beamkit.pipelines.events;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamkit.pipelines.PipelineLauncher;
import dev.beamkit.pipelines.options.OptionError;
import dev.beamkit.transforms.DeadLetter;
import dev.beamkit.transforms.JsonRecords;
import dev.beamkit.transforms.ParseJson;
import dev.beamkit.transforms.RawRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.sql.SqlTransform;
import org.apache.beam.sdk.schemas.transforms.Convert;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Max;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * event-counts-sql's view over testdata/user-events.jsonl replayed as an unbounded stream: the
 * default query ends at exactly event-counts' values, another GROUP BY query with a key template
 * gives its own groups, and bad options are one line naming the option.
 */
@RunWith(JUnit4.class)
public class EventCountsSqlTest {
  private static final Path EVENTS = Path.of("../testdata/user-events.jsonl");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  @Rule public final transient TestPipeline p = TestPipeline.create();

  /** The rows of the view {@code query}, event times read as by default. */
  private static PCollection<Row> view(PCollection<RawRecord> input, String name, String query) {
    return input.apply(name, new EventCountsSql.QueryUserEvents(EventCountsSql.Config.of(query))).rows();
  }

  /** The events as a stream: two bursts with a watermark step between them, then the end. */
  private PCollection<RawRecord> events() throws IOException {
    List<String> lines = Files.readAllLines(EVENTS).stream().filter(l -> !l.isBlank()).toList();
    int half = lines.size() / 2;
    TestStream<String> stream =
        TestStream.create(StringUtf8Coder.of())
            .addElements(lines.get(0), lines.subList(1, half).toArray(new String[0]))
            .advanceWatermarkTo(new org.joda.time.Instant(0))
            .addElements(lines.get(half), lines.subList(half + 1, lines.size()).toArray(new String[0]))
            .advanceWatermarkToInfinity();
    return p.apply("Events", stream).apply("AsRecords", JsonRecords.fromStrings());
  }

  /** How many events of the file have each value of {@code field}, keyed {@code prefix + value}. */
  private static List<KV<String, Long>> countsInTheFile(String field, String prefix) throws IOException {
    Map<String, Long> counts = new TreeMap<>();
    for (String line : Files.readAllLines(EVENTS)) {
      if (!line.isBlank()) {
        JsonNode node = MAPPER.readTree(line);
        counts.merge(prefix + node.get(field).asText(), 1L, Long::sum);
      }
    }
    List<KV<String, Long>> expected = new ArrayList<>();
    counts.forEach((k, n) -> expected.add(KV.of(k, n)));
    return expected;
  }

  /** The largest value written to each key, once the stream has ended: what Redis holds (max-wins). */
  private static PCollection<KV<String, Long>> finalValues(String name, PCollection<KV<String, String>> entries) {
    return entries
        .apply(
            name + "AsNumbers",
            MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
                .via(kv -> KV.of(kv.getKey(), Long.parseLong(kv.getValue()))))
        .apply(
            name + "AtTheEnd",
            Window.<KV<String, Long>>configure()
                .triggering(AfterWatermark.pastEndOfWindow())
                .withAllowedLateness(Duration.ZERO)
                .discardingFiredPanes())
        .apply(name + "Largest", Max.longsPerKey());
  }

  private static PCollection<KV<String, String>> entries(
      PCollection<Row> view, String query, String keyTemplate) {
    return view.apply(
        "ToEntry",
        MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
            .via(SqlRowEntry.of(view.getSchema(), query, keyTemplate, "events:")));
  }

  @Test
  public void theDefaultQueryEndsAtEventCountsValues() throws IOException {
    // Both pipelines side by side in one graph, each under a name of its own.
    PCollection<RawRecord> input = events();
    PCollection<KV<String, String>> sql =
        entries(view(input, "Sql", SqlLiveView.COUNT_PER_EVENT), SqlLiveView.COUNT_PER_EVENT, null);
    PCollection<KV<String, String>> classic =
        input
            .apply(
                "Classic",
                new EventCounts.CountEventTypes(
                    EventCounts.Config.of(Duration.standardSeconds(10), Duration.standardSeconds(1))))
            .counts()
            .apply(
                "Prefix",
                MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                    .via(w -> KV.of("events:" + w.value().getKey(), Long.toString(w.value().getValue().count()))));

    List<KV<String, Long>> expected = countsInTheFile("event", "events:");
    PAssert.that(finalValues("Sql", sql)).containsInAnyOrder(expected);
    PAssert.that(finalValues("Classic", classic)).containsInAnyOrder(expected);
    p.run().waitUntilFinish();
  }

  @Test
  public void aQueryPerPageWithAKeyTemplate() throws IOException {
    String query = "SELECT page, COUNT(*) AS views FROM user_events GROUP BY page";
    PCollection<KV<String, String>> sql = entries(view(events(), "Pages", query), query, "pages:{page}");
    PAssert.that(finalValues("Pages", sql)).containsInAnyOrder(countsInTheFile("page", "pages:"));
    p.run().waitUntilFinish();
  }

  @Test
  public void aFarFutureEventIsDeadLetteredAsOutOfRange() {
    String now = "{\"event_timestamp\":\"" + sqlTime(Instant.now()) + "\",\"user\":\"a@b.c\",\"page\":\"/\",\"event\":\"click\"}";
    String farFuture = "{\"event_timestamp\":\"9999-12-31 00:00:00\",\"user\":\"a@b.c\",\"page\":\"/\",\"event\":\"click\"}";
    PCollection<RawRecord> input =
        p.apply(TestStream.create(StringUtf8Coder.of()).addElements(now, farFuture).advanceWatermarkToInfinity())
            .apply(JsonRecords.fromStrings());
    PCollection<DeadLetter> letters =
        input.apply(new EventCountsSql.QueryUserEvents(EventCountsSql.Config.of(SqlLiveView.COUNT_PER_EVENT))).deadLetters();
    PAssert.that(letters.apply(MapElements.into(TypeDescriptors.strings()).via(d -> d.step() + " " + new String(d.payload(), StandardCharsets.UTF_8))))
        .containsInAnyOrder(ParseJson.OUT_OF_RANGE_STEP + " " + farFuture);
    p.run().waitUntilFinish();
  }

  private static String sqlTime(Instant t) {
    return DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC).format(t);
  }

  @Test
  public void withoutTheSinceTheStartWindowBeamSqlRefusesTheGroupBy() throws IOException {
    // Why SqlLiveView windows the rows first: the stream as it comes is unbounded, in the global
    // window with the default trigger, which would never fire.
    PCollection<Row> rows =
        events()
            .apply(EventCountsSql.parseRows(EventCountsSql.Config.of(SqlLiveView.COUNT_PER_EVENT)))
            .output()
            .apply(Convert.toRows());
    RuntimeException refused =
        assertThrows(
            RuntimeException.class,
            () -> PCollectionTuple.of(new TupleTag<Row>(SqlLiveView.TABLE), rows)
                .apply(SqlTransform.query(SqlLiveView.COUNT_PER_EVENT)));
    assertTrue(refused.getMessage(), causes(refused).contains("default trigger is not supported"));
    p.enableAbandonedNodeEnforcement(false);
  }

  private static String causes(Throwable error) {
    StringBuilder all = new StringBuilder();
    for (Throwable t = error; t != null; t = t.getCause()) {
      all.append(t.getMessage()).append('\n');
    }
    return all.toString();
  }

  private static OptionError optionError(String... args) {
    return assertThrows(OptionError.class, () -> PipelineLauncher.create(new EventCountsSql(), args));
  }

  private static void assertOneLineNaming(String option, OptionError error) {
    assertTrue(error.getMessage(), error.getMessage().startsWith("--" + option + "="));
    assertFalse(error.getMessage(), error.getMessage().contains("\n"));
  }

  @Test
  public void aQueryThatDoesNotParseIsOneLineNamingQuery() {
    OptionError error = optionError("--query=SELEC event, COUNT(*) FROM user_events GROUP BY event");
    assertOneLineNaming("query", error);
    assertTrue(error.getMessage(), error.getMessage().contains("SELEC"));
  }

  @Test
  public void anUnknownTableOrColumnIsOneLineNamingQuery() {
    assertOneLineNaming("query", optionError("--query=SELECT event, COUNT(*) FROM clicks GROUP BY event"));
    assertOneLineNaming("query", optionError("--query=SELECT colour, COUNT(*) FROM user_events GROUP BY colour"));
  }

  @Test
  public void aValueThatIsNotANumberIsOneLineNamingQuery() {
    OptionError error = optionError("--query=SELECT event, MAX(page) AS p FROM user_events GROUP BY event");
    assertOneLineNaming("query", error);
    assertTrue(error.getMessage(), error.getMessage().contains("must be a number"));
  }

  @Test
  public void aKeyTemplateNamingAnotherColumnIsOneLineNamingKeyTemplate() {
    OptionError error = optionError("--keyTemplate=pages:{page}");
    assertOneLineNaming("keyTemplate", error);
    assertEquals("--keyTemplate=pages:{page}: the query returns no column page; it returns [event, n]", error.getMessage());
  }

  @Test
  public void kafkaIsNotASinkOfThisPipeline() {
    assertOneLineNaming("sink", optionError("--sink=kafka"));
  }
}
