package dev.beamkit.transforms;

import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Reify;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

public class TokenizeTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  @Test
  public void emitsOneElementPerWordOccurrence() {
    PCollection<String> words =
        p.apply(Create.of("Don’t stop the stream!", "Привет, stream 🚀", "Straße, STRASSE"))
            .apply(Tokenize.words());

    PAssert.that(words)
        .containsInAnyOrder(
            "don't", "stop", "the", "stream", "привет", "stream", "straße", "strasse");
    p.run().waitUntilFinish();
  }

  @Test
  public void textsWithoutWordsEmitNothing() {
    PCollection<String> words =
        p.apply(Create.of("", "   ", "!!! 🔥🔥 — …", "' ’")).apply(Tokenize.words());

    PAssert.that(words).empty();
    p.run().waitUntilFinish();
  }

  @Test
  public void appliesStopWordsAndMinimumLength() {
    PCollection<String> words =
        p.apply(Create.of("The cat and I sat on a mat; it's my cat"))
            .apply(Tokenize.words().withStopWords(StopWords.english()).withMinLength(3));

    PAssert.that(words).containsInAnyOrder("cat", "sat", "mat", "cat");
    p.run().waitUntilFinish();
  }

  @Test
  public void wordsKeepTheTimestampOfTheirText() {
    Instant first = new Instant(1_000);
    Instant second = new Instant(7_000);
    PCollection<TimestampedValue<String>> words =
        p.apply(
                Create.timestamped(
                    TimestampedValue.of("early bird", first),
                    TimestampedValue.of("late owl", second)))
            .apply(Tokenize.words().withStopWords(Set.of("bird")))
            .apply(Reify.timestamps());

    PAssert.that(words)
        .containsInAnyOrder(
            List.of(
                TimestampedValue.of("early", first),
                TimestampedValue.of("late", second),
                TimestampedValue.of("owl", second)));
    p.run().waitUntilFinish();
  }
}
