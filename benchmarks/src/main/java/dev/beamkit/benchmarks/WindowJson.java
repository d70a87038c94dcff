package dev.beamkit.benchmarks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * A {@link WindowResult} as the {@code agg-temperature} JSON value of sensor-downsample:
 * {@code {"sensor":…,"time":<window end>,"windowStart":…,"timing":"ON_TIME","temperature":{"count":…,
 * "min":…,"max":…,"mean":…}}}. Jackson prints doubles with {@link Double#toString}, so reading a
 * value back gives the same bits and the same checksum.
 */
public final class WindowJson {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private WindowJson() {}

  /** The JSON of a final (on-time) window result. */
  public static byte[] write(WindowResult r) {
    ObjectNode json = MAPPER.createObjectNode();
    json.put("sensor", r.sensor());
    json.put("time", r.windowEnd());
    json.put("windowStart", r.windowStart());
    json.put("timing", "ON_TIME");
    ObjectNode temperature = json.putObject("temperature");
    temperature.put("count", r.count());
    temperature.put("min", r.min());
    temperature.put("max", r.max());
    temperature.put("mean", r.mean());
    try {
      return MAPPER.writeValueAsBytes(json);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a tree of numbers and strings always serializes", e);
    }
  }

  /**
   * The result in one output value.
   *
   * @throws IllegalArgumentException if a field is missing
   */
  public static WindowResult read(byte[] value) {
    JsonNode json;
    try {
      json = MAPPER.readTree(value);
    } catch (IOException e) {
      throw new UncheckedIOException("not JSON", e);
    }
    JsonNode t = required(json, "temperature");
    return new WindowResult(
        required(json, "sensor").asText(),
        required(json, "windowStart").asLong(),
        required(json, "time").asLong(),
        required(t, "count").asLong(),
        required(t, "min").asDouble(),
        required(t, "max").asDouble(),
        required(t, "mean").asDouble());
  }

  private static JsonNode required(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      throw new IllegalArgumentException("missing " + field + " in " + node);
    }
    return value;
  }
}
