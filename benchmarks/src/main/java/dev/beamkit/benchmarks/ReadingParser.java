package dev.beamkit.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * Parses a {@code raw-temp-data} payload, {@code {"ts":"2024-03-01T12:00:00.123456","value":42}},
 * the way every native implementation and the read limit do: Jackson tree, ISO local date-time read
 * as UTC, truncated to milliseconds. Sharing it keeps the per-record parse cost equal across them.
 */
public final class ReadingParser {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ReadingParser() {}

  /**
   * Event time and value of one payload.
   *
   * @throws IllegalArgumentException if the payload is not JSON or lacks {@code ts} or {@code value}
   */
  public static TimedValue parse(byte[] json) {
    JsonNode node;
    try {
      node = MAPPER.readTree(json);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON", e);
    }
    JsonNode ts = node.get("ts");
    JsonNode value = node.get("value");
    if (ts == null || !ts.isTextual() || value == null || !value.isNumber()) {
      throw new IllegalArgumentException("needs a text ts and a numeric value: " + node);
    }
    return new TimedValue(eventTimeMillis(ts.textValue()), value.doubleValue());
  }

  /** {@code 2024-03-01T12:00:00.123456} (fraction optional) as epoch millis, read as UTC. */
  public static long eventTimeMillis(String isoLocalDateTime) {
    return LocalDateTime.parse(isoLocalDateTime).toInstant(ZoneOffset.UTC).toEpochMilli();
  }
}
