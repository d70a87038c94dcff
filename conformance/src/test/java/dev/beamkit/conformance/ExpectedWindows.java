package dev.beamkit.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sensor windows a testdata file should produce, recomputed the plain way (read every line,
 * bucket by sensor and 10 s window, keep count/min/max/sum) without Beam or beamkit code, so an
 * integration test can compare the pipeline against something it did not compute itself.
 */
final class ExpectedWindows {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final long WINDOW_MILLIS = 10_000;

  /** count, min, max, sum of one sensor in one window. */
  static final class Bucket {
    long count;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum;

    void add(double v) {
      count++;
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
    }

    double mean() {
      return sum / count;
    }
  }

  /** "windowEndMillis/sensor" → bucket, for the envelopes in {@code files} whose kind is absent or "good". */
  static Map<String, Bucket> of(Path... files) {
    Map<String, Bucket> buckets = new TreeMap<>();
    for (Path file : files) {
      for (String line : lines(file)) {
        JsonNode envelope = read(line);
        if (envelope.has("kind") && !envelope.get("kind").asText().equals("good")) {
          continue;
        }
        JsonNode value = envelope.get("value");
        if (value.isTextual()) {
          value = read(value.asText());
        }
        long millis =
            LocalDateTime.parse(value.get("ts").asText()).toInstant(ZoneOffset.UTC).toEpochMilli();
        long end = millis - Math.floorMod(millis, WINDOW_MILLIS) + WINDOW_MILLIS;
        buckets.computeIfAbsent(end + "/" + envelope.get("key").asText(), k -> new Bucket())
            .add(value.get("value").asDouble());
      }
    }
    return buckets;
  }

  private static Iterable<String> lines(Path file) {
    try {
      return Files.readAllLines(file).stream().filter(l -> !l.isBlank()).toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static JsonNode read(String json) {
    try {
      return MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private ExpectedWindows() {}
}
