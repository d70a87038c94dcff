package dev.beamkit.benchmarks;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;

/**
 * SHA-256 over window results sorted by sensor and window start, one {@link
 * WindowResult#canonicalLine()} per result. Engines emit results in different orders and
 * partitions; sorting first makes the digest depend only on the set of answers.
 */
public final class Checksum {
  private Checksum() {}

  /** Hex SHA-256 of the sorted canonical lines of {@code results}. */
  public static String of(Collection<WindowResult> results) {
    List<WindowResult> sorted = new ArrayList<>(results);
    sorted.sort(WindowResult.ORDER);
    MessageDigest sha = sha256();
    for (WindowResult r : sorted) {
      sha.update((r.canonicalLine() + '\n').getBytes(StandardCharsets.UTF_8));
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** Hex SHA-256 of the UTF-8 bytes of {@code text}. */
  static String ofText(String text) {
    return HexFormat.of().formatHex(sha256().digest(text.getBytes(StandardCharsets.UTF_8)));
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
