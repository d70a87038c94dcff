package dev.beamkit.cli.demo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamkit.localstack.LocalStack;
import dev.beamkit.pipelines.kafka.DeadLetterSink;
import dev.beamkit.pipelines.kafka.TopicReader;
import dev.beamkit.pipelines.events.EventCounts;
import dev.beamkit.pipelines.sensors.SensorDownsample;
import dev.beamkit.pipelines.words.WordCount;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import redis.clients.jedis.Jedis;

/** Reads what the demo's pipelines wrote to Kafka and Redis and prints it for a person. */
final class DemoReport {
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final Duration QUIET = Duration.ofSeconds(6);
  private static final Duration DEADLINE = Duration.ofSeconds(90);

  private final LocalStack stack;
  private final PrintStream out;

  DemoReport(LocalStack stack, PrintStream out) {
    this.stack = stack;
    this.out = out;
  }

  /** The last (most complete) pane of every sensor window, in time order. */
  void sensorWindows() {
    Map<String, JsonNode> lastPane = new TreeMap<>();
    for (JsonNode w : values(SensorDownsample.DEFAULTS.outputTopic())) {
      lastPane.put(w.get("time").asLong() + "/" + w.get("sensor").asText(), w);
    }
    out.println();
    out.println("sensor-downsample → Kafka " + SensorDownsample.DEFAULTS.outputTopic() + " (last pane per window):");
    out.printf("  %-20s %-9s %5s %7s %7s %8s  %s%n", "window end (UTC)", "sensor", "count", "min", "max", "mean", "timing");
    for (JsonNode w : lastPane.values()) {
      JsonNode t = w.get("temperature");
      out.printf(
          "  %-20s %-9s %5d %7.2f %7.2f %8.3f  %s%n",
          Instant.ofEpochMilli(w.get("time").asLong()).toString().replace("T", " ").replace("Z", ""),
          w.get("sensor").asText(),
          t.get("count").asLong(),
          t.get("min").asDouble(),
          t.get("max").asDouble(),
          t.get("mean").asDouble(),
          w.get("timing").asText());
    }
  }

  /** The live counts per event type, read back from Redis. */
  void eventCounts() {
    String prefix = EventCounts.DEFAULTS.keyPrefix();
    out.println();
    out.println("event-counts → Redis (GET " + prefix + "<event>):");
    try (Jedis jedis = new Jedis(java.net.URI.create(stack.redisUri()))) {
      for (String key : new TreeSet<>(jedis.keys(prefix + "*"))) {
        out.printf("  %-20s %s%n", key, jedis.get(key));
      }
    }
  }

  /** The last (most complete) top-words list of every window, as word-count wrote it. */
  void topWords(String topic) {
    Map<Long, JsonNode> lastPane = new TreeMap<>();
    for (JsonNode w : values(topic)) {
      lastPane.put(w.get("windowEnd").asLong(), w);
    }
    out.println();
    out.println("word-count → Kafka " + topic + " (top " + WordCount.TOP_WORDS + " words per window, last pane):");
    for (JsonNode w : lastPane.values()) {
      StringBuilder words = new StringBuilder();
      for (JsonNode word : w.get("top")) {
        words.append(words.length() == 0 ? "" : ", ").append(word.get("word").asText()).append(' ').append(word.get("count").asLong());
      }
      out.printf(
          "  %-20s %-8s %s%n",
          Instant.ofEpochMilli(w.get("windowEnd").asLong()).toString().replace("T", " ").replace("Z", ""),
          w.get("timing").asText(),
          words);
    }
  }

  /** How many records went to the sensor pipeline's dead-letter topic, by step and error. */
  void deadLetters() {
    String topic = SensorDownsample.DEFAULTS.deadLetterTopic();
    Map<String, Integer> byError = new TreeMap<>();
    List<ConsumerRecord<byte[], byte[]>> records =
        TopicReader.readAll(stack.bootstrapServers(), topic, 1, Duration.ofSeconds(2), DEADLINE);
    for (ConsumerRecord<byte[], byte[]> r : records) {
      byError.merge(header(r, DeadLetterSink.STEP) + ": " + header(r, DeadLetterSink.EXCEPTION), 1, Integer::sum);
    }
    out.println();
    out.println("dead letters → Kafka " + topic + " (" + records.size() + " records, original bytes kept):");
    byError.forEach((error, count) -> out.printf("  %3d × %s%n", count, error));
  }

  private List<JsonNode> values(String topic) {
    return TopicReader.readAll(stack.bootstrapServers(), topic, 1, QUIET, DEADLINE).stream()
        .map(r -> parse(r.value()))
        .toList();
  }

  private static JsonNode parse(byte[] value) {
    try {
      return MAPPER.readTree(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? "?" : new String(h.value(), StandardCharsets.UTF_8);
  }
}
