package dev.beamkit.transforms;

import java.io.Serializable;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Splits text into lower-cased words by one fixed rule, the same on every machine and runner.
 * It is a plain serializable class, usable without Beam; {@link Tokenize} and {@link CountWords}
 * apply it to a {@code PCollection}.
 *
 * <h2>The rule</h2>
 *
 * <ol>
 *   <li><b>Normalisation.</b> The text is first put into Unicode NFC, so a composed {@code é}
 *       (U+00E9) and a decomposed {@code e} + U+0301 give the same token, which is in NFC.
 *   <li><b>Token characters.</b> A token is a maximal run of letters ({@link
 *       Character#isLetter(int)}: categories Lu, Ll, Lt, Lm, Lo of any script &mdash; Latin with
 *       accents, Cyrillic, Greek, Arabic, CJK ideographs, kana, Hangul) and decimal digits ({@link
 *       Character#isDigit(int)}: category Nd of any script), together with the combining marks (Mn,
 *       Mc) that follow a letter or digit of the run, so accents without a precomposed form and
 *       Indic vowel signs stay in the word. Digits are kept as written: {@code ٤٢} is not turned
 *       into {@code 42}. Variation selectors (U+FE00&ndash;U+FE0F, U+E0100&ndash;U+E01EF) are marks
 *       that only choose how a character is drawn, so they separate like symbols: the keycap
 *       {@code 1️⃣} gives {@code 1}.
 *   <li><b>Apostrophes.</b> An apostrophe U+0027 or a right single quotation mark U+2019 that has a
 *       token character directly before it and a letter or digit directly after it stays in the
 *       token and is written as U+0027: {@code don’t} and {@code don't} both give {@code don't},
 *       {@code l'homme} gives {@code l'homme}. Every other apostrophe separates: leading, trailing
 *       and doubled ones ({@code 'quoted'} gives {@code quoted}, {@code dogs'} gives {@code
 *       dogs}). U+02BC MODIFIER LETTER APOSTROPHE is a letter (Lm) in Unicode and is kept
 *       unchanged like any letter.
 *   <li><b>Separators.</b> Every other code point separates tokens and is dropped: whitespace,
 *       punctuation, symbols, emoji and their skin-tone modifiers, control and format characters
 *       such as ZERO WIDTH JOINER, and numbers that are not decimal digits (Nl such as {@code Ⅻ},
 *       No such as {@code ²} or {@code ½}). Text is read by code point, never by {@code char}, so
 *       characters outside the Basic Multilingual Plane (emoji, supplementary ideographs) are
 *       never split into half surrogate pairs.
 *   <li><b>CJK and other scripts written without spaces.</b> There is no dictionary segmentation:
 *       such text is split only at separators, so an unbroken run is one token ({@code 東京タワー}
 *       is one token, {@code 東京、タワー} two), and a run mixing scripts without a separator is one
 *       token too ({@code beam是}). Segment such text upstream when per-word counts matter.
 *   <li><b>Case.</b> Each token is lower-cased with {@code String.toLowerCase(Locale.ROOT)}, never
 *       the default locale, so results do not depend on the machine: {@code I} gives {@code i} even
 *       under a Turkish default locale, {@code İ} (U+0130) gives {@code i̇} ({@code i} + U+0307),
 *       dotless {@code ı} stays {@code ı}, and a capital sigma ending a token becomes final {@code
 *       ς} ({@code ΟΔΟΣ} gives {@code οδος}). This is lower-casing, not case folding: {@code ß}
 *       stays {@code ß}, so {@code STRASSE} and {@code Straße} are different tokens.
 *   <li><b>Filters.</b> Last, tokens shorter than {@link #minLength()} code points and tokens in
 *       {@link #stopWords()} are dropped.
 * </ol>
 *
 * <p>Instances are immutable and thread-safe; {@code with…} methods return new instances.
 */
public final class Tokenizer implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Tokenizer WORDS = new Tokenizer(Set.of(), 1);

  private final Set<String> stopWords;
  private final int minLength;

  private Tokenizer(Set<String> stopWords, int minLength) {
    this.stopWords = stopWords;
    this.minLength = minLength;
  }

  /** The rule above with no stop words and a minimum length of one code point. */
  public static Tokenizer words() {
    return WORDS;
  }

  /**
   * This tokenizer with {@code stopWords} (replacing any earlier set) dropped from its output. Each
   * stop word is put through the same rule first, so {@code "The"} and {@code "DON’T"} match the
   * tokens {@code the} and {@code don't}.
   *
   * @throws IllegalArgumentException if a stop word is not exactly one token under the rule, as
   *     {@code "new york"} or {@code "!"} are not: such a word could never match a token.
   */
  public Tokenizer withStopWords(Set<String> stopWords) {
    Set<String> normalised = new HashSet<>();
    for (String word : stopWords) {
      List<String> tokens = WORDS.tokenize(word);
      if (tokens.size() != 1) {
        throw new IllegalArgumentException(
            "Stop word '" + word + "' is " + tokens.size() + " tokens under the rule, not one");
      }
      normalised.add(tokens.get(0));
    }
    return new Tokenizer(Set.copyOf(normalised), minLength);
  }

  /**
   * This tokenizer dropping tokens shorter than {@code minLength} code points (after
   * normalisation and lower-casing).
   *
   * @throws IllegalArgumentException if {@code minLength} is less than one
   */
  public Tokenizer withMinLength(int minLength) {
    if (minLength < 1) {
      throw new IllegalArgumentException("minLength must be at least 1, was " + minLength);
    }
    return new Tokenizer(stopWords, minLength);
  }

  /** The stop words, already normalised and lower-cased; empty by default. */
  public Set<String> stopWords() {
    return stopWords;
  }

  /** The minimum token length in code points; 1 by default. */
  public int minLength() {
    return minLength;
  }

  /** The tokens of {@code text} in order of appearance, repeats included. */
  public List<String> tokenize(String text) {
    List<String> tokens = new ArrayList<>();
    tokenize(text, tokens::add);
    return tokens;
  }

  /**
   * Passes the tokens of {@code text} to {@code sink} in order of appearance, repeats included,
   * without building a list (the form a {@code DoFn} uses).
   */
  public void tokenize(String text, Consumer<String> sink) {
    String s = Normalizer.normalize(text, Normalizer.Form.NFC);
    StringBuilder token = new StringBuilder();
    int i = 0;
    while (i < s.length()) {
      int c = s.codePointAt(i);
      int next = i + Character.charCount(c);
      boolean inToken = token.length() > 0;
      if (Character.isLetterOrDigit(c)) {
        token.appendCodePoint(c);
      } else if (inToken && isAttachableMark(c)) {
        token.appendCodePoint(c);
      } else if (inToken
          && isApostrophe(c)
          && next < s.length()
          && Character.isLetterOrDigit(s.codePointAt(next))) {
        token.append('\'');
      } else {
        emit(token, sink);
      }
      i = next;
    }
    emit(token, sink);
  }

  private void emit(StringBuilder token, Consumer<String> sink) {
    if (token.length() == 0) {
      return;
    }
    // Lower-case the whole token rather than each code point: String.toLowerCase applies the
    // context-dependent mappings (final sigma, İ) that Character.toLowerCase cannot.
    String word = token.toString().toLowerCase(Locale.ROOT);
    token.setLength(0);
    if (word.codePointCount(0, word.length()) >= minLength && !stopWords.contains(word)) {
      sink.accept(word);
    }
  }

  private static boolean isAttachableMark(int c) {
    int type = Character.getType(c);
    return (type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK)
        && !isVariationSelector(c);
  }

  private static boolean isVariationSelector(int c) {
    return (c >= 0xFE00 && c <= 0xFE0F) || (c >= 0xE0100 && c <= 0xE01EF);
  }

  private static boolean isApostrophe(int c) {
    return c == '\'' || c == '\u2019';
  }

  @Override
  public String toString() {
    return "Tokenizer{minLength=" + minLength + ", stopWords=" + stopWords.size() + "}";
  }
}
