package dev.beamkit.cli.chart;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beamkit.pipelines.kafka.TopicReader;
import dev.beamkit.pipelines.options.BeamkitOptions;
import dev.beamkit.pipelines.options.Durations;
import dev.beamkit.pipelines.sensors.SensorDownsample;
import dev.beamkit.pipelines.sensors.SensorReading;
import dev.beamkit.transforms.ParseJsonMapper;
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
import org.apache.beam.sdk.options.Default;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What a sensor chart shows, per sensor: the raw readings of sensor-downsample's input topic
 * and the last (most complete) pane of every window of its output topic. Records that are not
 * readings (the bad records a run dead-letters) or not windows are counted and left out.
 */
public final class SensorChartData {
  /** sensor-downsample's parse rules: strict types, no duplicate keys, nothing after the object. */
  private static final ObjectMapper MAPPER = ParseJsonMapper.strict();

  /**
   * sensor-downsample's default {@code --maxFutureSkew}, read off the option's own {@code @Default}
   * (building an options proxy would scan the classpath for registrars, seconds for one value).
   */
  private static final long MAX_FUTURE_SKEW_MILLIS = Durations.parse("maxFutureSkew", maxFutureSkewDefault()).getMillis();

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

  /**
   * Adds a raw record: key = sensor, value {@code {"ts":…,"value":…}}, read as sensor-downsample's
   * parse step reads it into a {@link SensorReading}; anything it would dead-letter is skipped.
   */
  public void addReading(byte @Nullable [] key, byte @Nullable [] value) {
    JsonNode json = json(value);
    String sensor = utf8(key);
    if (sensor == null || json == null) {
      skipped++;
      return;
    }
    try {
      ((ObjectNode) json).put("sensor", sensor);
      SensorReading reading = MAPPER.treeToValue(json, SensorReading.class);
      long time = timeParser.parseMillis(json.get(SensorDownsample.TIME_FIELD));
      if (time - System.currentTimeMillis() > MAX_FUTURE_SKEW_MILLIS) {
        skipped++;
        return;
      }
      readings.computeIfAbsent(sensor, s -> new ArrayList<>()).add(new Reading(time, reading.value()));
    } catch (EventTimeException | IOException e) {
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

  private static String maxFutureSkewDefault() {
    try {
      return BeamkitOptions.class.getMethod("getMaxFutureSkew").getAnnotation(Default.String.class).value();
    } catch (NoSuchMethodException e) {
      throw new IllegalStateException("BeamkitOptions lost --maxFutureSkew", e);
    }
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
