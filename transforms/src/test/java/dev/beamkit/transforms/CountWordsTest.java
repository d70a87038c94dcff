package dev.beamkit.transforms;

import static java.util.stream.Collectors.counting;
import static java.util.stream.Collectors.groupingBy;
import static java.util.stream.Collectors.toList;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.Normalizer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.SlidingWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

public class CountWordsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  @Test
  public void countsEachWordExactlyOnHandWrittenLines() {
    PCollection<KV<String, Long>> counts =
        p.apply(
                Create.of(
                    "The cat sat.",
                    "THE CAT! the cat?",
                    "The cat’s bowl; the cat's whiskers.",
                    "",
                    "🐈 ... 🐈"))
            .apply(CountWords.lines());

    PAssert.that(counts)
        .containsInAnyOrder(
            List.of(
                KV.of("the", 5L),
                KV.of("cat", 3L),
                KV.of("sat", 1L),
                KV.of("cat's", 2L),
                KV.of("bowl", 1L),
                KV.of("whiskers", 1L)));
    p.run().waitUntilFinish();
  }

  @Test
  public void leavesStopWordsAndShortWordsUncounted() {
    PCollection<KV<String, Long>> counts =
        p.apply(Create.of("The cat and the dog", "a cat, a dog, a bird"))
            .apply(CountWords.lines().withStopWords(StopWords.english()).withMinLength(4));

    PAssert.that(counts).containsInAnyOrder(List.of(KV.of("bird", 1L)));
    p.run().waitUntilFinish();
  }

  @Test
  public void textStreamFileMatchesAnIndependentCount() throws IOException {
    List<String> lines = Files.readAllLines(testdata("text-stream.txt"), StandardCharsets.UTF_8);
    PCollection<KV<String, Long>> counts =
        p.apply(Create.of(lines).withCoder(StringUtf8Coder.of())).apply(CountWords.lines());

    Map<String, Long> expected = regexCount(lines);
    PAssert.that(counts)
        .containsInAnyOrder(
            expected.entrySet().stream()
                .map(e -> KV.of(e.getKey(), e.getValue()))
                .collect(toList()));
    // Counted by hand from the file, so a shared mistake in both implementations still shows.
    Set<String> spot =
        Set.of("café", "straße", "strasse", "данные", "κοσμος", "it's", "i'm", "dogs", "٤٢", "42");
    PAssert.that(counts.apply(Filter.by(kv -> spot.contains(kv.getKey()))))
        .containsInAnyOrder(
            List.of(
                KV.of("café", 4L), // line 54 is in NFD and still counts here
                KV.of("straße", 2L),
                KV.of("strasse", 1L),
                KV.of("данные", 4L),
                KV.of("κοσμος", 1L),
                KV.of("it's", 2L),
                KV.of("i'm", 2L),
                KV.of("dogs", 2L),
                KV.of("٤٢", 1L),
                KV.of("42", 2L)));
    p.run().waitUntilFinish();
  }

  @Test
  public void countsPerFixedWindowIncludingLatePanes() {
    TestStream<String> lines =
        TestStream.create(StringUtf8Coder.of())
            .advanceWatermarkTo(at(0))
            .addElements(
                TimestampedValue.of("the stream flows", at(1)),
                TimestampedValue.of("The stream stops", at(4)),
                TimestampedValue.of("stream again", at(12)))
            .advanceWatermarkTo(at(10))
            .addElements(TimestampedValue.of("late stream", at(8)))
            .advanceWatermarkToInfinity();

    PCollection<KV<String, Long>> counts =
        p.apply(lines)
            .apply(
                Window.<String>into(FixedWindows.of(Duration.standardSeconds(10)))
                    .triggering(
                        AfterWatermark.pastEndOfWindow()
                            .withLateFirings(AfterPane.elementCountAtLeast(1)))
                    .withAllowedLateness(Duration.standardSeconds(5))
                    .accumulatingFiredPanes())
            .apply(CountWords.lines());

    IntervalWindow first = new IntervalWindow(at(0), at(10));
    IntervalWindow second = new IntervalWindow(at(10), at(20));
    PAssert.that(counts)
        .inOnTimePane(first)
        .containsInAnyOrder(
            List.of(
                KV.of("the", 2L), KV.of("stream", 2L), KV.of("flows", 1L), KV.of("stops", 1L)));
    // Only the words of the late line fire again, with counts accumulated over the window.
    PAssert.that(counts)
        .inLatePane(first)
        .containsInAnyOrder(List.of(KV.of("stream", 3L), KV.of("late", 1L)));
    PAssert.that(counts)
        .inOnTimePane(second)
        .containsInAnyOrder(List.of(KV.of("stream", 1L), KV.of("again", 1L)));
    p.run().waitUntilFinish();
  }

  @Test
  public void countsALineInEveryOverlappingSlidingWindow() {
    PCollection<KV<String, Long>> counts =
        p.apply(
                Create.timestamped(
                    TimestampedValue.of("tick", at(2)), TimestampedValue.of("tick tock", at(7))))
            .apply(
                Window.into(
                    SlidingWindows.of(Duration.standardSeconds(10))
                        .every(Duration.standardSeconds(5))))
            .apply(CountWords.lines());

    PAssert.that(counts)
        .inWindow(new IntervalWindow(at(-5), at(5)))
        .containsInAnyOrder(List.of(KV.of("tick", 1L)));
    PAssert.that(counts)
        .inWindow(new IntervalWindow(at(0), at(10)))
        .containsInAnyOrder(List.of(KV.of("tick", 2L), KV.of("tock", 1L)));
    PAssert.that(counts)
        .inWindow(new IntervalWindow(at(5), at(15)))
        .containsInAnyOrder(List.of(KV.of("tick", 1L), KV.of("tock", 1L)));
    p.run().waitUntilFinish();
  }

  private static Instant at(int seconds) {
    return new Instant(seconds * 1_000L);
  }

  /**
   * The documented rule written a second way, as one regular expression over the whole line
   * lower-cased at once, instead of the code-point state machine of {@link Tokenizer}.
   */
  private static Map<String, Long> regexCount(List<String> lines) {
    String wordChar = "[\\p{L}\\p{Nd}]";
    String attachedMark = "[\\p{Mn}\\p{Mc}&&[^\\x{FE00}-\\x{FE0F}\\x{E0100}-\\x{E01EF}]]";
    Pattern word =
        Pattern.compile(
            wordChar + "(?:" + wordChar + "|" + attachedMark + "|['’](?=" + wordChar + "))*");
    return lines.stream()
        .map(line -> Normalizer.normalize(line, Normalizer.Form.NFC).toLowerCase(Locale.ROOT))
        .flatMap(
            line -> {
              Matcher m = word.matcher(line);
              Stream.Builder<String> found = Stream.builder();
              while (m.find()) {
                found.add(m.group().replace('’', '\''));
              }
              return found.build();
            })
        .collect(groupingBy(w -> w, counting()));
  }

  /** Finds the repository's testdata directory whether tests run from the module or the root. */
  private static Path testdata(String file) {
    for (Path dir = Path.of("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("testdata").resolve(file);
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "No testdata/" + file + " in " + Path.of("").toAbsolutePath() + " or above");
  }
}
