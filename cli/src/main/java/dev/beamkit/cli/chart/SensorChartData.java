package dev.beamkit.cli.chart;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.beamkit.pipelines.kafka.TopicReader;
import dev.beamkit.transforms.time.EventTimeException;
import dev.beamkit.transforms.time.EventTimeParser;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What a sensor chart shows, per sensor: the raw readings of sensor-downsample's input topic
 * and the last (most complete) pane of every window of its output topic. Records that are not
 * readings (the bad records a run dead-letters) or not windows are counted and left out.
 */
public final class SensorChartData {
  /**
   * As strict as sensor-downsample's parse step where it matters here, so that the chart shows
   * the readings the run used: no duplicate keys, nothing after the object, UTF-8 only.
   */
  private static final ObjectMapper MAPPER =
      JsonMapper.builder()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
          .build();

  /** sensor-downsample's default {@code --maxFutureSkew}. */
  private static final Duration MAX_FUTURE_SKEW = Duration.ofHours(1);

  /** One raw reading. */
  public record Reading(long timeMillis, double value) {}

  /** One window's statistics, from its last pane. */
  public record Window(long startMillis, long endMillis, double min, double mean, double max) {}

  private final Map<String, List<Reading>> readings = new TreeMap<>();
  private final Map<String, Map<Long, Window>> windows = new TreeMap<>();
  private final EventTimeParser timeParser;
  private int skipped;

  /** Empty data; raw readings' {@code ts} are read with {@code timeParser}. */
  public SensorChartData(EventTimeParser timeParser) {
    this.timeParser = timeParser;
  }

  /**
   * Reads both topics from the start until each has been quiet for {@code quiet} (at most {@code
   * deadline} each).
   */
  public static SensorChartData fromKafka(
      String bootstrapServers, String rawTopic, String windowTopic, EventTimeParser timeParser, Duration quiet, Duration deadline) {
    SensorChartData data = new SensorChartData(timeParser);
    for (ConsumerRecord<byte[], byte[]> r : TopicReader.readAll(bootstrapServers, rawTopic, 1, quiet, deadline)) {
      data.addReading(r.key(), r.value());
    }
    for (ConsumerRecord<byte[], byte[]> r : TopicReader.readAll(bootstrapServers, windowTopic, 1, quiet, deadline)) {
      data.addWindow(r.value());
    }
    return data;
  }

  /** Adds a raw record: key = sensor, value {@code {"ts":…,"value":…}}; anything else is skipped. */
  public void addReading(byte @Nullable [] key, byte @Nullable [] value) {
    JsonNode json = json(value);
    String sensor = utf8(key);
    if (sensor == null || json == null || !json.path("value").isNumber()) {
      skipped++;
      return;
    }
    try {
      long time = timeParser.parseMillis(json.get("ts") == null ? null : json.get("ts").asText());
      double reading = json.get("value").asDouble();
      // sensor-downsample dead-letters these too: a value beyond a double (1e400), and an event
      // time past its default --maxFutureSkew.
      if (!Double.isFinite(reading) || time - System.currentTimeMillis() > MAX_FUTURE_SKEW.toMillis()) {
        skipped++;
        return;
      }
      readings.computeIfAbsent(sensor, s -> new ArrayList<>()).add(new Reading(time, reading));
    } catch (EventTimeException e) {
      skipped++;
    }
  }

  /** Adds a window pane as sensor-downsample writes it; a later pane of a window replaces an earlier. */
  public void addWindow(byte @Nullable [] value) {
    JsonNode json = json(value);
    JsonNode t = json == null ? null : json.get("temperature");
    if (t == null || !json.path("sensor").isTextual() || !json.path("time").isNumber()) {
      skipped++;
      return;
    }
    long end = json.get("time").asLong();
    windows
        .computeIfAbsent(json.get("sensor").asText(), s -> new TreeMap<>())
        .put(
            end,
            new Window(
                json.path("windowStart").asLong(end), end, t.path("min").asDouble(), t.path("mean").asDouble(), t.path("max").asDouble()));
  }

  private static @Nullable JsonNode json(byte @Nullable [] value) {
    String text = utf8(value);
    if (text == null) {
      return null;
    }
    try {
      JsonNode node = MAPPER.readTree(text);
      return node != null && node.isObject() ? node : null;
    } catch (IOException e) {
      return null;
    }
  }

  /** The bytes as text, or null unless they are well-formed UTF-8. */
  private static @Nullable String utf8(byte @Nullable [] bytes) {
    if (bytes == null) {
      return null;
    }
    try {
      return StandardCharsets.UTF_8.newDecoder().decode(ByteBuffer.wrap(bytes)).toString();
    } catch (CharacterCodingException e) {
      return null;
    }
  }

  /** Every sensor with readings or windows, in name order. */
  public Set<String> sensors() {
    Map<String, Boolean> all = new TreeMap<>();
    readings.keySet().forEach(s -> all.put(s, true));
    windows.keySet().forEach(s -> all.put(s, true));
    return all.keySet();
  }

  public List<Reading> readings(String sensor) {
    return readings.getOrDefault(sensor, List.of());
  }

  public Collection<Window> windows(String sensor) {
    return windows.getOrDefault(sensor, Map.of()).values();
  }

  public int readingCount() {
    return readings.values().stream().mapToInt(List::size).sum();
  }

  public int windowCount() {
    return windows.values().stream().mapToInt(Map::size).sum();
  }

  /** Records of either topic that were neither a reading nor a window. */
  public int skipped() {
    return skipped;
  }
}
