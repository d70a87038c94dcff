package dev.beamkit.localstack;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

  /** {@code problem}, followed by the tail of {@code file} under a header naming the file. */
  static String explain(String problem, Path file) {
    return problem + "\n--- last lines of " + file + " ---\n" + of(file, 40);
  }
}
