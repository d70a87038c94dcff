package dev.beamkit.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.Test;

class TokenizerTest {
  private static final Tokenizer WORDS = Tokenizer.words();

  @Test
  void splitsAtWhitespaceAndPunctuationAndLowerCases() {
    assertEquals(
        List.of("hello", "world", "hello", "again", "tab", "new", "line"),
        WORDS.tokenize("Hello, World!  HELLO...again\ttab\nnew-line"));
  }

  @Test
  void keepsAccentedLatinGermanAndSpanishLetters() {
    assertEquals(
        List.of("größe", "straße", "übermäßig", "café", "naïve", "garçon", "mañana", "añade"),
        WORDS.tokenize("Größe, Straße; Übermäßig! café naïve GARÇON ¿mañana? ¡Añade!"));
  }

  @Test
  void keepsCyrillicAndGreekAndUsesFinalSigma() {
    assertEquals(List.of("привет", "мир", "ёлка"), WORDS.tokenize("Привет, МИР! Ёлка."));
    assertEquals(List.of("καλημέρα", "κόσμε"), WORDS.tokenize("Καλημέρα κόσμε;"));
    // A capital sigma lower-cases to final ς only at the end of a token, σ elsewhere.
    assertEquals(List.of("οδος", "σας", "σ"), WORDS.tokenize("ΟΔΟΣ ΣΑΣ Σ"));
  }

  @Test
  void keepsDigitsOfAnyScriptAsWrittenAndSplitsDecimalNumbers() {
    assertEquals(
        List.of("room", "101", "٤٢", "१२३", "２０２４", "3", "14", "sensor1", "h2o"),
        WORDS.tokenize("Room 101: ٤٢ / १२३ (２０２４) 3.14 Sensor1 H2O"));
  }

  @Test
  void numbersThatAreNotDecimalDigitsSeparate() {
    assertEquals(List.of("x", "y", "z"), WORDS.tokenize("x²y½zⅫ"));
  }

  @Test
  void treatsAnUnbrokenCjkRunAsOneToken() {
    assertEquals(
        List.of("東京タワー", "大阪", "我爱北京", "beam是"),
        WORDS.tokenize("東京タワー、大阪。 我爱北京！Beam是"));
    assertEquals(List.of("한국어", "텍스트"), WORDS.tokenize("한국어 텍스트"));
  }

  @Test
  void keepsApostropheBetweenLettersAsStraightApostrophe() {
    assertEquals(
        List.of("don't", "don't", "l'homme", "c'est", "rock'n'roll", "it's", "90's"),
        WORDS.tokenize("don't DON’T L’homme c'est rock'n'roll it’s 90's"));
  }

  @Test
  void dropsLeadingTrailingAndDoubledApostrophes() {
    assertEquals(
        List.of("quoted", "dogs", "tis", "don", "t", "curly"),
        WORDS.tokenize("'quoted' dogs' ’tis don''t ’curly’ ' ’"));
  }

  @Test
  void emojiSymbolsAndJoinersSeparateWithoutSplittingSurrogatePairs() {
    assertEquals(
        List.of("fire", "water", "ok", "1", "a", "b", "x", "y", "c", "d"),
        WORDS.tokenize("fire🔥water 👍🏽ok 1️⃣ a€b x👨\u200D👩\u200D👧y c#d"));
    // U+2000B and U+2000C are supplementary ideographs: letters, two chars each.
    String supplementary = new StringBuilder().appendCodePoint(0x2000B).appendCodePoint(0x2000C)
        .toString();
    assertEquals(List.of(supplementary), WORDS.tokenize("🎉" + supplementary + "🎉"));
  }

  @Test
  void composedAndDecomposedFormsGiveTheSameNfcToken() {
    List<String> composed = WORDS.tokenize("caf\u00e9 \u00fcber cr\u00e8me");
    List<String> decomposed = WORDS.tokenize("cafe\u0301 U\u0308ber cre\u0300me");
    assertEquals(List.of("café", "über", "crème"), composed);
    assertEquals(composed, decomposed);
    assertEquals("caf\u00e9", decomposed.get(0));
  }

  @Test
  void keepsCombiningMarksAttachedToAWordButNotLoneOnes() {
    // q + combining dot above has no precomposed form, Hindi vowel signs are Mn/Mc marks.
    assertEquals(List.of("aq\u0307b", "हिन्दी"), WORDS.tokenize("aq\u0307b हिन्दी"));
    assertEquals(List.of("abc"), WORDS.tokenize(" \u0301abc"));
  }

  @Test
  void lowerCasesWithRootLocaleWhateverTheDefaultLocale() {
    Locale saved = Locale.getDefault();
    try {
      Locale.setDefault(Locale.forLanguageTag("tr-TR"));
      assertEquals(
          List.of("istanbul", "i\u0307zmir", "ılık", "strasse", "straße", "ß"),
          WORDS.tokenize("ISTANBUL İzmir ılık STRASSE Straße ẞ"));
    } finally {
      Locale.setDefault(saved);
    }
  }

  @Test
  void stopWordsAreNormalisedLikeTokensBeforeMatching() {
    Tokenizer tokenizer = WORDS.withStopWords(Set.of("The", "DON’T", "cafe\u0301"));
    assertEquals(Set.of("the", "don't", "café"), tokenizer.stopWords());
    assertEquals(
        List.of("cat", "like", "cat", "likes", "milk"),
        tokenizer.tokenize("The cat don't like… café? cat likes milk"));
  }

  @Test
  void englishStopWordsDropFunctionWords() {
    Tokenizer tokenizer = WORDS.withStopWords(StopWords.english());
    assertEquals(
        List.of("stream", "never", "sleeps", "neither", "does", "pipeline"),
        tokenizer.tokenize("The stream never sleeps, and neither does the pipeline."));
    assertTrue(StopWords.english().containsAll(Set.of("the", "and", "it's")));
  }

  @Test
  void rejectsStopWordsThatAreNotOneToken() {
    assertThrows(IllegalArgumentException.class, () -> WORDS.withStopWords(Set.of("new york")));
    assertThrows(IllegalArgumentException.class, () -> WORDS.withStopWords(Set.of("!")));
  }

  @Test
  void minLengthCountsCodePointsNotChars() {
    String oneSupplementary = new String(Character.toChars(0x2000B));
    Tokenizer tokenizer = WORDS.withMinLength(2);
    assertEquals(
        List.of("ab", "ёж"), tokenizer.tokenize("a " + oneSupplementary + " ab ёж я"));
    assertThrows(IllegalArgumentException.class, () -> WORDS.withMinLength(0));
  }

  @Test
  void textWithoutWordsGivesNoTokens() {
    assertEquals(List.of(), WORDS.tokenize(""));
    assertEquals(List.of(), WORDS.tokenize("   \t\r\n  "));
    assertEquals(List.of(), WORDS.tokenize("!!! … — 🔥🔥 ''' ’"));
  }

  @Test
  void survivesJavaSerializationWithItsSettings() {
    Tokenizer tokenizer = WORDS.withStopWords(Set.of("the")).withMinLength(3);
    Tokenizer copy = SerializableUtils.clone(tokenizer);
    assertEquals(
        List.of("cat", "sat", "mat", "did"), copy.tokenize("The cat sat on a mat, so it did"));
    assertEquals(3, copy.minLength());
    assertEquals(Set.of("the"), copy.stopWords());
  }
}
