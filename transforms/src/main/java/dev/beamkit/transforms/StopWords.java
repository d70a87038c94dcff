package dev.beamkit.transforms;

import java.util.Set;

/**
 * Ready-made stop-word sets for {@link Tokenizer#withStopWords(Set)}, {@link
 * Tokenize#withStopWords(Set)} and {@link CountWords#withStopWords(Set)}.
 *
 * <p>Entries are written as the tokenizer emits them: lower case, NFC, straight apostrophe.
 */
public final class StopWords {
  private static final Set<String> ENGLISH =
      Set.of(
          "a", "an", "and", "are", "as", "at", "be", "but", "by", "for", "from", "had", "has",
          "have", "he", "her", "his", "i", "if", "in", "into", "is", "it", "it's", "its", "me",
          "my", "no", "not", "of", "on", "or", "our", "she", "so", "that", "the", "their", "them",
          "then", "there", "these", "they", "this", "to", "was", "we", "were", "what", "when",
          "which", "who", "will", "with", "you", "your");

  private StopWords() {}

  /**
   * About sixty of the most frequent English function words (articles, pronouns, prepositions,
   * conjunctions, forms of "be" and "have"), small on purpose: enough to keep them from dominating
   * a word count, not a linguistic resource. The set is immutable.
   */
  public static Set<String> english() {
    return ENGLISH;
  }
}
