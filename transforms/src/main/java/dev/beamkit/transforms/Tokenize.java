package dev.beamkit.transforms;

import java.util.Set;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.display.DisplayData;
import org.apache.beam.sdk.values.PCollection;

/**
 * Splits each input text into words, one output element per word occurrence, by the rule
 * documented on {@link Tokenizer} (NFC, Unicode letters and digits of any script, apostrophes
 * inside words kept as U+0027, everything else a separator, lower-cased with {@code Locale.ROOT}).
 *
 * <p>Each word keeps its input element's timestamp and windows, so the transform works unchanged
 * in any windowing. A text without words (empty, blank, only punctuation or emoji) yields nothing.
 *
 * <pre>{@code
 * PCollection<String> words =
 *     lines.apply(Tokenize.words().withStopWords(StopWords.english()).withMinLength(2));
 * }</pre>
 */
public final class Tokenize extends PTransform<PCollection<String>, PCollection<String>> {
  private final Tokenizer tokenizer;

  private Tokenize(Tokenizer tokenizer) {
    this.tokenizer = tokenizer;
  }

  /** Every word, no stop words, minimum length one code point. */
  public static Tokenize words() {
    return new Tokenize(Tokenizer.words());
  }

  /** Drops {@code stopWords}, see {@link Tokenizer#withStopWords(Set)}; replaces earlier ones. */
  public Tokenize withStopWords(Set<String> stopWords) {
    return new Tokenize(tokenizer.withStopWords(stopWords));
  }

  /** Drops words under {@code minLength} code points ({@link Tokenizer#withMinLength}). */
  public Tokenize withMinLength(int minLength) {
    return new Tokenize(tokenizer.withMinLength(minLength));
  }

  /** The tokenizer this transform applies, for use outside a pipeline. */
  public Tokenizer tokenizer() {
    return tokenizer;
  }

  @Override
  public PCollection<String> expand(PCollection<String> texts) {
    return texts.apply("SplitIntoWords", ParDo.of(new SplitIntoWordsFn(tokenizer)));
  }

  @Override
  public void populateDisplayData(DisplayData.Builder builder) {
    super.populateDisplayData(builder);
    builder
        .add(DisplayData.item("minLength", tokenizer.minLength()).withLabel("Minimum word length"))
        .add(
            DisplayData.item("stopWords", tokenizer.stopWords().size())
                .withLabel("Number of stop words"));
  }

  private static final class SplitIntoWordsFn extends DoFn<String, String> {
    private final Tokenizer tokenizer;

    SplitIntoWordsFn(Tokenizer tokenizer) {
      this.tokenizer = tokenizer;
    }

    @ProcessElement
    public void processElement(@Element String text, OutputReceiver<String> words) {
      tokenizer.tokenize(text, words::output);
    }
  }
}
