package dev.beamkit.clusters;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a log file, for error messages about a process that did not come up. */
final class LogTail {

  /** Enough for a stack trace's head; cluster logs are chatty. */
  static final int DEFAULT_LINES = 40;

  /** Bounds the read so a log of gigabytes costs no more than a small one. */
  private static final int MAX_BYTES = 64 * 1024;

  private LogTail() {}

  /** Returns the last {@code lines} lines of {@code file}, or a note why there are none. */
  static String of(Path file, int lines) {
    if (!Files.isRegularFile(file)) {
      return "(no log at " + file + ")";
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      int size = (int) Math.min(length, MAX_BYTES);
      byte[] bytes = new byte[size];
      in.seek(length - size);
      in.readFully(bytes);
      List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n"));
      List<String> tail = all.subList(Math.max(0, all.size() - lines), all.size());
      return "--- last lines of " + file + " ---\n" + String.join("\n", tail);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
  }

  /** Returns the last {@link #DEFAULT_LINES} lines of {@code file}. */
  static String of(Path file) {
    return of(file, DEFAULT_LINES);
  }
}
