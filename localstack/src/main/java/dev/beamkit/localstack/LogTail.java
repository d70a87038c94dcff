package dev.beamkit.localstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** The last lines of a server's log, for error messages that say why a server did not start. */
final class LogTail {

  /** Enough bytes for a stack trace or two without reading a whole broker log. */
  private static final int MAX_BYTES = 64 * 1024;

  private LogTail() {}

  /** Returns the last {@code lines} lines of {@code file}, or a note saying why there are none. */
  static String of(Path file, int lines) {
    if (!Files.exists(file)) {
      return "(no log at " + file + ")";
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      int size = (int) Math.min(length, MAX_BYTES);
      byte[] bytes = new byte[size];
      in.seek(length - size);
      in.readFully(bytes);
      List<String> all = Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\n"));
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(could not read " + file + ": " + e.getMessage() + ")";
    }
  }

  /**
   * {@code problem}, then the first ERROR and FATAL lines of {@code file} (a broker that fails to
   * start logs its reason long before the end of its shutdown chatter), then the file's tail.
   */
  static String explain(String problem, Path file) {
    StringBuilder text = new StringBuilder(problem);
    List<String> errors = firstErrors(file, 8);
    if (!errors.isEmpty()) {
      text.append("\n--- first errors in ").append(file).append(" ---\n");
      text.append(String.join("\n", errors));
    }
    return text.append("\n--- last lines of ").append(file).append(" ---\n")
        .append(of(file, 25))
        .toString();
  }

  /** ERROR and FATAL lines, each with the next line when that continues it (the exception). */
  private static List<String> firstErrors(Path file, int limit) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException | UncheckedIOException unreadable) {
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
}
