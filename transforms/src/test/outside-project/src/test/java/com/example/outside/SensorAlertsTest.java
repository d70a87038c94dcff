package com.example.outside;

import dev.beamkit.transforms.CountWords;
import dev.beamkit.transforms.DeadLetter;
import dev.beamkit.transforms.Dedupe;
import dev.beamkit.transforms.time.EventTimeParser;
import dev.beamkit.transforms.Filter;
import dev.beamkit.transforms.JsonRecords;
import dev.beamkit.transforms.ParseJson;
import dev.beamkit.transforms.RawRecord;
import dev.beamkit.transforms.time.TimeFormat;
import dev.beamkit.transforms.TopN;
import dev.beamkit.transforms.TriggeredWindows;
import java.io.Serializable;
import java.util.List;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

/**
 * What a user of beamkit-transforms writes, in a package of their own, so only the public API
 * compiles: filter, dedupe and parse JSON readings, window them, rank them; count words.
 */
public class SensorAlertsTest {
  private static final Instant BASE = Instant.parse("2024-03-01T12:00:00Z");

  @Rule public final transient TestPipeline p = TestPipeline.create();

  /** A user's own record type. */
  public record Reading(String id, String sensor, double value, String ts) implements Serializable {}

  private static TimestampedValue<String> reading(String id, String sensor, Object value, int second) {
    String json =
        "{\"id\":\"" + id + "\",\"sensor\":\"" + sensor + "\",\"value\":" + value
            + ",\"ts\":\"2024-03-01T12:00:0" + second + "\"}";
    return TimestampedValue.of(json, BASE.plus(Duration.standardSeconds(second)));
  }

  @Test
  public void hotReadingsOncePerIdRankedPerSlidingWindow() {
    TestStream<String> lines =
        TestStream.create(StringUtf8Coder.of())
            .addElements(reading("1", "s1", 72, 1), reading("1", "s1", 72, 1), reading("2", "s2", 60, 2))
            .addElements(reading("3", "s1", 20, 3), reading("4", "s2", 55, 4), reading("5", "s1", "\"hot\"", 5))
            .advanceWatermarkToInfinity();

    WithFailures.Result<PCollection<RawRecord>, DeadLetter> hot =
        p.apply(lines).apply(JsonRecords.fromStrings()).apply(Filter.where("value > 50"));
    WithFailures.Result<PCollection<RawRecord>, DeadLetter> once =
        hot.output().apply(Dedupe.byField("id").within(Duration.standardMinutes(1)));
    WithFailures.Result<PCollection<Reading>, DeadLetter> parsed =
        once.output()
            .apply(ParseJson.of(Reading.class).withEventTime("ts", EventTimeParser.of(TimeFormat.ISO_LOCAL)));
    PCollection<List<KV<String, Long>>> busiest =
        parsed
            .output()
            .apply(
                MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
                    .via(r -> KV.of(r.sensor(), 1L)))
            .apply(TriggeredWindows.<KV<String, Long>>sliding(Duration.standardSeconds(10), Duration.standardSeconds(5)))
            .apply(Sum.longsPerKey())
            .apply(TopN.<String, Long>perWindow(1));

    // s1 (one reading after dedupe) and s2 (two) in [0, 10): s2 is the busiest hot sensor.
    PAssert.that(busiest)
        .inOnTimePane(new IntervalWindow(BASE, Duration.standardSeconds(10)))
        .containsInAnyOrder(List.of(KV.of("s2", 2L)));
    PAssert.that(hot.failures().apply("Steps", MapElements.into(TypeDescriptors.strings()).via(DeadLetter::step)))
        .containsInAnyOrder("filter");
    PAssert.that(parsed.failures()).empty();
    p.run().waitUntilFinish();
  }

  @Test
  public void clicksPerUserSessionAndTopWordsPerWindow() {
    TestStream<String> text =
        TestStream.create(StringUtf8Coder.of())
            .addElements(
                TimestampedValue.of("to be or not to be", BASE),
                TimestampedValue.of("be quick", BASE.plus(Duration.standardSeconds(3))))
            .advanceWatermarkToInfinity();
    PCollection<String> lines = p.apply(text);

    PCollection<List<KV<String, Long>>> top =
        lines
            .apply("Fixed", TriggeredWindows.<String>fixed(Duration.standardSeconds(10)))
            .apply(CountWords.lines())
            .apply(TopN.<String, Long>perWindow(2));
    PCollection<KV<String, Long>> linesPerSession =
        lines
            .apply(
                "ByAuthor",
                MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
                    .via(line -> KV.of("author", 1L)))
            .apply("Sessions", TriggeredWindows.<KV<String, Long>>sessions(Duration.standardSeconds(5)))
            .apply(Sum.longsPerKey());

    PAssert.that(top)
        .inOnTimePane(new IntervalWindow(BASE, Duration.standardSeconds(10)))
        .containsInAnyOrder(List.of(KV.of("be", 3L), KV.of("to", 2L)));
    // [0 s, 5 s) and [3 s, 8 s) merge into one session.
    PAssert.that(linesPerSession)
        .inOnTimePane(new IntervalWindow(BASE, Duration.standardSeconds(8)))
        .containsInAnyOrder(KV.of("author", 2L));
    p.run().waitUntilFinish();
  }
}
