package dev.beamkit.transforms;

import java.util.Set;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Counts word occurrences in texts: {@link Tokenize} followed by {@link Count#perElement()}, giving
 * one {@code KV<word, count>} per distinct word per window and pane.
 *
 * <p>It knows nothing of windows: it counts within whatever windowing and triggering its input
 * already has, so a caller counting per fixed window applies {@code Window.into(...)} before it.
 * Like any aggregation, an unbounded input must be windowed (or triggered) first; in the global
 * window without a trigger Beam rejects the pipeline at construction.
 *
 * <pre>{@code
 * PCollection<KV<String, Long>> counts =
 *     lines
 *         .apply(Window.into(FixedWindows.of(Duration.standardSeconds(10))))
 *         .apply(CountWords.lines().withStopWords(StopWords.english()));
 * }</pre>
 */
public final class CountWords
    extends PTransform<PCollection<String>, PCollection<KV<String, Long>>> {
  private final Tokenize tokenize;

  private CountWords(Tokenize tokenize) {
    this.tokenize = tokenize;
  }

  /** Counts every word of each input line by the {@link Tokenizer} rule. */
  public static CountWords lines() {
    return new CountWords(Tokenize.words());
  }

  /** Leaves {@code stopWords} uncounted, see {@link Tokenizer#withStopWords(Set)}. */
  public CountWords withStopWords(Set<String> stopWords) {
    return new CountWords(tokenize.withStopWords(stopWords));
  }

  /** Leaves words shorter than {@code minLength} code points uncounted. */
  public CountWords withMinLength(int minLength) {
    return new CountWords(tokenize.withMinLength(minLength));
  }

  @Override
  public PCollection<KV<String, Long>> expand(PCollection<String> lines) {
    return lines
        .apply("Tokenize", tokenize)
        .apply("CountPerWord", Count.perElement());
  }
}
