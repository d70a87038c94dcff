package dev.beamkit.pipelines.words;

import static org.junit.Assert.assertNull;

import dev.beamkit.transforms.RawRecord;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.MapElements;
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
 * word-count's top-words output with its Kafka edges replaced by a TestStream: the ON_TIME list
 * of each window, the LATE list after a late line, ties in alphabetical order, the cut at ten.
 */
@RunWith(JUnit4.class)
public class WordCountTopWordsTest {
  private static final Instant BASE = Instant.parse("2024-03-01T12:00:00Z");

  @Rule public final transient TestPipeline p = TestPipeline.create();

  /** 10 s windows with 5 s of allowed lateness. */
  private static final WordCount.Config CONFIG =
      WordCount.Config.of(Duration.standardSeconds(10), Duration.standardSeconds(5));

  private static TimestampedValue<RawRecord> line(String text, long second) {
    return TimestampedValue.of(RawRecord.ofString(text), BASE.plus(second * 1000));
  }

  private static String top(long startSecond, String timing, String words) {
    long start = BASE.getMillis() + startSecond * 1000;
    return "{\"windowStart\":" + start + ",\"windowEnd\":" + (start + 10_000) + ",\"timing\":\""
        + timing + "\",\"top\":[" + words + "]}";
  }

  @Test
  public void topTenWordsPerWindowPane() {
    TestStream<RawRecord> stream =
        TestStream.create(RawRecord.Coder.of())
            // Twelve distinct words: a..l once each, plus "late" twice and "data" three times.
            .addElements(line("a b c d e f g h i j k l", 1), line("Data late data", 2))
            .addElements(line("data, late!", 3), line("next window", 12))
            .advanceWatermarkTo(BASE.plus(11_000))
            // Late but allowed: "late" reaches 3 and ties with "data". One late word, so one
            // LATE pane: each word a late line updates reaches TopN as its own late element.
            .addElements(line("late", 4))
            .advanceWatermarkToInfinity();

    PCollection<String> json =
        p.apply(stream)
            .apply(new WordCount.CountWordsPerWindow(CONFIG.withTopWords()))
            .topWords()
            .apply(MapElements.into(TypeDescriptors.strings()).via(WordCount::topWordsJson));

    String onTimeRest = "{\"word\":\"a\",\"count\":1},{\"word\":\"b\",\"count\":1},{\"word\":\"c\",\"count\":1},"
        + "{\"word\":\"d\",\"count\":1},{\"word\":\"e\",\"count\":1},{\"word\":\"f\",\"count\":1},"
        + "{\"word\":\"g\",\"count\":1},{\"word\":\"h\",\"count\":1}";
    PAssert.that(json)
        .containsInAnyOrder(
            top(0, "ON_TIME", "{\"word\":\"data\",\"count\":3},{\"word\":\"late\",\"count\":2}," + onTimeRest),
            top(0, "LATE", "{\"word\":\"data\",\"count\":3},{\"word\":\"late\",\"count\":3}," + onTimeRest),
            top(10, "ON_TIME", "{\"word\":\"next\",\"count\":1},{\"word\":\"window\",\"count\":1}"));
    p.run().waitUntilFinish();
  }

  @Test
  public void noTopWordsWithoutTheOption() {
    PCollection<RawRecord> input =
        p.apply(TestStream.create(RawRecord.Coder.of()).advanceWatermarkToInfinity());
    assertNull(input.apply(new WordCount.CountWordsPerWindow(CONFIG)).topWords());
    p.run().waitUntilFinish();
  }
}
