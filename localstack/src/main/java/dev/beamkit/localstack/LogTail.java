package dev.beamkit.localstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The end of a server's log, for error messages that say why a server did not start, and to see
 * whether the current run already failed. A log may hold several runs (a kept state directory);
 * each starts with a line beginning with {@link #RUN_HEADER}, which {@link Processes#start}
 * writes.
 */
final class LogTail {

  /** Starts the line that {@link Processes#start} writes before each launch. */
  static final String RUN_HEADER = "=== ";

  /** Enough for a stack trace's head; cluster and broker logs are chatty. */
  static final int DEFAULT_LINES = 40;

  /**
   * Bounds every read. A broker that fails to start logs its reason after a long configuration
   * dump and before its shutdown chatter, so this is generous.
   */
  private static final int MAX_BYTES = 1024 * 1024;

  private LogTail() {}

  /** The last {@code lines} lines of {@code file} under a title, or a note why there are none. */
  static String of(Path file, int lines) {
    List<String> all;
    try {
      all = lastLines(file);
    } catch (IOException e) {
      return "(could not read " + file + ": " + e.getMessage() + ")";
    }
    if (all == null) {
      return "(no log at " + file + ")";
    }
    List<String> tail = all.subList(Math.max(0, all.size() - lines), all.size());
    return "--- last lines of " + file + " ---\n" + String.join("\n", tail);
  }

  /** The last {@link #DEFAULT_LINES} lines of {@code file} under a title. */
  static String of(Path file) {
    return of(file, DEFAULT_LINES);
  }

  /**
   * {@code problem}, then the first ERROR and FATAL lines of the current run in {@code file} (a
   * server that fails to start logs its reason long before the end of its shutdown chatter), then
   * the file's tail.
   */
  static String explain(String problem, Path file) {
    StringBuilder text = new StringBuilder(problem);
    List<String> errors = firstErrors(file, 8);
    if (!errors.isEmpty()) {
      text.append("\n--- first errors in ").append(file).append(" ---\n");
      text.append(String.join("\n", errors));
    }
    return text.append('\n').append(of(file)).toString();
  }

  /**
   * The lines of the latest run among the last MiB of {@code file}; empty if there is no file
   * (yet).
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

  /** ERROR and FATAL lines, each with the next line when that continues it (the exception). */
  private static List<String> firstErrors(Path file, int limit) {
    List<String> lines;
    try {
      lines = currentRun(file);
    } catch (IOException unreadable) {
      return List.of();
    }
    List<String> errors = new ArrayList<>();
    int found = 0;
    for (int i = 0; i < lines.size() && found < limit; i++) {
      String line = lines.get(i);
      if (line.contains(" ERROR ") || line.contains(" FATAL ")) {
        found++;
        errors.add(line);
        if (i + 1 < lines.size() && !lines.get(i + 1).startsWith("[")) {
          errors.add(lines.get(i + 1));
        }
      }
    }
    return errors;
  }

  /** The lines among the last MiB of {@code file}, or null if there is no such file. */
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
