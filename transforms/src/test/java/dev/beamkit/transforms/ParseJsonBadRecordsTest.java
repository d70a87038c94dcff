package dev.beamkit.transforms;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;

import dev.beamkit.transforms.BadRecordsFile.Line;
import dev.beamkit.transforms.BadRecordsFile.SensorReading;
import dev.beamkit.transforms.time.EventTimeParser;
import dev.beamkit.transforms.time.TimeFormat;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Reify;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Instant;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;

/** Drives {@link ParseJson} with every line of {@code testdata/bad-records.jsonl}. */
public class ParseJsonBadRecordsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  /** For each bad kind: the step that must reject it and a fragment of the reason. */
  private static final Map<String, String> EXPECTED_REJECTION = new HashMap<>();

  static {
    EXPECTED_REJECTION.put("malformed", "parse: Unexpected character ('\"' (code 34)): was expecting a colon");
    EXPECTED_REJECTION.put("truncated", "parse: Unexpected end-of-input");
    EXPECTED_REJECTION.put("empty", "parse: expected a JSON object but got empty input");
    EXPECTED_REJECTION.put("not-an-object", "parse: expected a JSON object but got ARRAY");
    EXPECTED_REJECTION.put("json-null", "parse: expected a JSON object but got NULL");
    EXPECTED_REJECTION.put("number", "parse: expected a JSON object but got NUMBER");
    EXPECTED_REJECTION.put("json-string", "parse: expected a JSON object but got STRING");
    EXPECTED_REJECTION.put("missing-required-field", "parse: Missing creator property 'value'");
    EXPECTED_REJECTION.put("missing-ts", "parse: Missing creator property 'ts'");
    EXPECTED_REJECTION.put("wrong-type", "parse: Cannot coerce String value (\"abc\") to `double`");
    EXPECTED_REJECTION.put("string-number", "parse: Cannot coerce String value (\"42\") to `double`");
    EXPECTED_REJECTION.put("null-number", "parse: Cannot map `null` into type `double`");
    EXPECTED_REJECTION.put("duplicate-key", "parse: Duplicate field 'value'");
    EXPECTED_REJECTION.put("trailing-garbage", "parse: Unrecognized token 'x'");
    EXPECTED_REJECTION.put("non-utf8", "parse: invalid UTF-8 at byte offset 47: 0xff");
    EXPECTED_REJECTION.put("non-utf8-overlong", "parse: invalid UTF-8 at byte offset 47: 0xc0");
    EXPECTED_REJECTION.put("utf16", "parse: Illegal character ((CTRL-CHAR, code 0))");
    EXPECTED_REJECTION.put("non-utf8-key", "parse: record key is not valid UTF-8");
    EXPECTED_REJECTION.put("null-payload", "parse: record value is null");
    EXPECTED_REJECTION.put(
        "bad-timestamp", "event-time: cannot parse event time \"yesterday\" as ISO_LOCAL");
    EXPECTED_REJECTION.put(
        "impossible-date",
        "event-time: cannot parse event time \"2024-02-30T12:00:00\" as ISO_LOCAL: day 30 is outside");
    EXPECTED_REJECTION.put(
        "far-future",
        "event-time-out-of-range: event time 9999-12-31T23:59:59.000Z is more than 3600000 ms ahead");
    EXPECTED_REJECTION.put("nan", "parse: Non-standard token 'NaN'");
    EXPECTED_REJECTION.put(
        "huge-number", "parse: Cannot deserialize value of type `double` from number Infinity: not a finite number");
    EXPECTED_REJECTION.put("deep-nesting", "parse: Depth (1001) exceeds the maximum allowed nesting depth (1000)");
  }

  private static ParseJson<SensorReading> parseSensorReadings() {
    return ParseJson.of(SensorReading.class)
        .withKeyField("sensor")
        .withEventTime("ts", EventTimeParser.of(TimeFormat.ISO_LOCAL))
        .withMaxFutureSkew(Duration.standardHours(1));
  }

  private WithFailures.Result<PCollection<SensorReading>, DeadLetter> parseFile() {
    List<RawRecord> all = new ArrayList<>();
    BadRecordsFile.load().forEach(line -> all.add(line.record()));
    return p.apply(Create.of(all).withCoder(RawRecord.Coder.of())).apply(parseSensorReadings());
  }

  @Test
  public void fileHasEveryRequiredKindAndTheTestKnowsEachOne() {
    Set<String> kinds = new HashSet<>();
    List<String> unknown = new ArrayList<>();
    for (Line line : BadRecordsFile.load()) {
      kinds.add(line.kind());
      if (!line.isGood() && !EXPECTED_REJECTION.containsKey(line.kind())) {
        unknown.add(line.kind());
      }
    }
    assertThat("kinds without an expected rejection", unknown, is(empty()));
    assertThat(
        kinds,
        hasItems(
            "good", "malformed", "truncated", "empty", "not-an-object", "json-null", "number",
            "missing-required-field", "missing-ts", "wrong-type", "non-utf8", "null-payload",
            "bad-timestamp"));
    assertThat(BadRecordsFile.records(true).size(), is(3));
  }

  @Test
  public void everyBadKindIsDeadLetteredWithItsOriginalBytesAndCoordinates() {
    Map<Long, String> expectedByOffset = new HashMap<>();
    for (Line line : BadRecordsFile.load()) {
      if (!line.isGood()) {
        expectedByOffset.put(line.record().offset(), line.kind() + " -> " + EXPECTED_REJECTION.get(line.kind()));
      }
    }
    PCollection<DeadLetter> failures = parseFile().failures();

    PAssert.that(BadRecordsFile.originals(failures)).containsInAnyOrder(BadRecordsFile.records(false));
    PAssert.that(BadRecordsFile.summaries(failures))
        .satisfies(
            summaries -> {
              List<String> mismatches = new ArrayList<>();
              int count = 0;
              for (String summary : summaries) {
                count++;
                long offset = Long.parseLong(summary.substring(0, summary.indexOf(' ')));
                String expected = expectedByOffset.get(offset);
                String fragment = expected.substring(expected.indexOf(" -> ") + 4);
                if (!summary.contains(" " + fragment)) {
                  mismatches.add(expected + "\n   but was: " + summary);
                }
              }
              assertThat(String.join("\n", mismatches), mismatches, is(empty()));
              assertThat(count, is(expectedByOffset.size()));
              return null;
            });
    p.run();
  }

  @Test
  public void goodLinesAreParsedWithTheirValuesAndEventTimestamps() {
    PCollection<SensorReading> parsed = parseFile().output();
    PAssert.that(parsed.apply(Reify.timestamps()))
        .containsInAnyOrder(
            TimestampedValue.of(
                new SensorReading("Sensor1", "2024-03-01T12:00:00.123456", 42.0),
                Instant.parse("2024-03-01T12:00:00.123Z")),
            TimestampedValue.of(
                new SensorReading("Sensor2", "2024-03-01T12:00:05", 17.5),
                Instant.parse("2024-03-01T12:00:05Z")),
            TimestampedValue.of(
                new SensorReading("Sensor1", "2024-03-01T12:00:09.999", -3.0),
                Instant.parse("2024-03-01T12:00:09.999Z")));
    p.run();
  }

  @Test
  public void everyRecordComesOutExactlyOnceAndIsCounted() {
    WithFailures.Result<PCollection<SensorReading>, DeadLetter> result = parseFile();
    PCollection<String> goodOffsets =
        result.output().apply("GoodMarker", MapElements.into(TypeDescriptors.strings()).via(r -> "good"));
    PCollection<String> badOffsets =
        result.failures().apply("BadMarker", MapElements.into(TypeDescriptors.strings()).via(d -> "bad"));
    PCollection<Long> total =
        PCollectionList.of(goodOffsets)
            .and(badOffsets)
            .apply(Flatten.pCollections())
            .apply(Count.globally());
    int lines = BadRecordsFile.load().size();
    int good = BadRecordsFile.records(true).size();
    PAssert.thatSingleton(total).isEqualTo((long) lines);

    PipelineResult run = p.run();
    run.waitUntilFinish();
    assertThat(CounterTotals.beamkit(run, BeamkitMetrics.PARSED), is((long) good));
    assertThat(CounterTotals.beamkit(run, BeamkitMetrics.DEAD_LETTERED), is((long) (lines - good)));
  }

  @Test
  public void messagesDoNotQuoteThePayload() {
    // Jackson quotes the source in its messages by default; the dead letter already has it.
    PCollection<String> summaries = BadRecordsFile.summaries(parseFile().failures());
    PAssert.that(summaries)
        .satisfies(
            all -> {
              all.forEach(summary -> assertThat(summary, org.hamcrest.Matchers.not(containsString("Source: ("))));
              return null;
            });
    p.run();
  }
}
