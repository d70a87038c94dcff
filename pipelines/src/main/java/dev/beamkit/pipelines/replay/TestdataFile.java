package dev.beamkit.pipelines.replay;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamkit.transforms.time.EventTimeException;
import dev.beamkit.transforms.time.EventTimeExtractor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Reads a {@code testdata/} file as Kafka records.
 *
 * <ul>
 *   <li>{@code .txt}: every non-blank line is one value, no key.
 *   <li>{@code .jsonl}: a line that is an object with a key ({@code "key"}, or {@code
 *       "keyBase64"} for raw bytes) and a value ({@code "value"}: a string is the payload text,
 *       other JSON is written compactly; or {@code "valueBase64"} for payloads that are not UTF-8)
 *       is an envelope; {@code null} key or value means none (a value of null is a tombstone).
 *       Other members, such as {@code "kind"}, are ignored. Any other line is itself the value. Blank lines and lines
 *       starting with {@code //} are skipped.
 * </ul>
 *
 * With an event-time extractor, each value's event time becomes its record timestamp, so the
 * topic carries the same times as the payloads; values without a readable time get none.
 */
public final class TestdataFile {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TestdataFile() {}

  public static List<ReplayRecord> read(Path file, @Nullable EventTimeExtractor eventTime) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
    boolean json = file.getFileName().toString().endsWith(".jsonl");
    List<ReplayRecord> records = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      String line = lines.get(i);
      if (line.isBlank() || (json && line.startsWith("//"))) {
        continue;
      }
      ReplayRecord r = json ? fromJsonLine(file, i + 1, line) : new ReplayRecord(null, utf8(line), null);
      records.add(new ReplayRecord(r.key(), r.value(), timestamp(r.value(), eventTime)));
    }
    return records;
  }

  private static ReplayRecord fromJsonLine(Path file, int lineNumber, String line) {
    JsonNode node;
    try {
      node = MAPPER.readTree(line);
    } catch (IOException e) {
      // Not JSON at all: replay it as it is (bad input is part of testdata on purpose).
      return new ReplayRecord(null, utf8(line), null);
    }
    boolean envelope =
        node != null
            && node.isObject()
            && (node.has("key") || node.has("keyBase64"))
            && (node.has("value") || node.has("valueBase64"));
    if (!envelope) {
      return new ReplayRecord(null, utf8(line), null);
    }
    String where = file + ":" + lineNumber;
    return new ReplayRecord(member(node, "key", where), member(node, "value", where), null);
  }

  /** The bytes of {@code name}, or of {@code name + "Base64"} decoded; null for JSON null. */
  private static byte @Nullable [] member(JsonNode node, String name, String where) {
    JsonNode base64 = node.get(name + "Base64");
    if (base64 != null) {
      try {
        return Base64.getDecoder().decode(base64.asText());
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(where + ": " + name + "Base64 is not base64");
      }
    }
    JsonNode v = node.get(name);
    return v.isNull() ? null : utf8(v.isTextual() ? v.asText() : v.toString());
  }

  private static @Nullable Long timestamp(byte @Nullable [] value, @Nullable EventTimeExtractor eventTime) {
    if (eventTime == null || value == null) {
      return null;
    }
    try {
      return eventTime.extract(value).getMillis();
    } catch (EventTimeException e) {
      return null;
    }
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
