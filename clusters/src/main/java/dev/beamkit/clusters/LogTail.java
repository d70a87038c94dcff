package dev.beamkit.clusters;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/**
 * The end of a daemon's log: for error messages, and to see whether the current run already
 * failed. A log may hold several runs (a kept work directory); each starts with a line beginning
 * with {@link #RUN_HEADER}, which {@link JvmLauncher} writes.
 */
final class LogTail {

  /** Starts the line that {@link JvmLauncher} writes before each launch. */
  static final String RUN_HEADER = "=== ";

  /** Enough for a stack trace's head; cluster logs are chatty. */
  static final int DEFAULT_LINES = 40;

  /** Bounds the read so a log of gigabytes costs no more than a small one. */
  private static final int MAX_BYTES = 64 * 1024;

  private LogTail() {}

  /** Returns the last {@code lines} lines of {@code file} under a title, or a note why there are none. */
  static String of(Path file, int lines) {
    List<String> all;
    try {
      all = lastLines(file);
    } catch (IOException e) {
      return "(cannot read " + file + ": " + e + ")";
    }
    if (all == null) {
      return "(no log at " + file + ")";
    }
    List<String> tail = all.subList(Math.max(0, all.size() - lines), all.size());
    return "--- last lines of " + file + " ---\n" + String.join("\n", tail);
  }

  /** Returns the last {@link #DEFAULT_LINES} lines of {@code file}. */
  static String of(Path file) {
    return of(file, DEFAULT_LINES);
  }

  /**
   * Returns the lines of the latest run among the last 64 KiB of {@code file}, empty if there is
   * no file (yet).
   */
  static List<String> currentRun(Path file) throws IOException {
    List<String> all = lastLines(file);
    if (all == null) {
      return List.of();
    }
    for (int i = all.size() - 1; i >= 0; i--) {
      if (all.get(i).startsWith(RUN_HEADER)) {
        return all.subList(i, all.size());
      }
    }
    return all;
  }

  private static List<String> lastLines(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      return null;
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      int size = (int) Math.min(length, MAX_BYTES);
      byte[] bytes = new byte[size];
      in.seek(length - size);
      in.readFully(bytes);
      return Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n"));
    }
  }
}
