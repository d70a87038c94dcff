package dev.beamkit.conformance;

import dev.beamkit.pipelines.replay.KafkaReplayer;
import dev.beamkit.pipelines.replay.ReplayRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;

/** event-counts input made up for a test: numbered user events, their true counts, sending them. */
final class UserEvents {
  private static final DateTimeFormatter SQL_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss").withZone(ZoneOffset.UTC);

  private UserEvents() {}

  /** The type of event number {@code i}: two clicks, then a view, and so on. */
  static String type(int i) {
    return i % 3 == 2 ? "view" : "click";
  }

  /** Events number {@code first} to {@code first + n - 1}, event number i at {@code time(i)}. */
  static List<ReplayRecord> numbered(int first, int n, IntFunction<Instant> time) {
    List<ReplayRecord> records = new ArrayList<>();
    for (int i = first; i < first + n; i++) {
      records.add(event(i, type(i), time.apply(i)));
    }
    return records;
  }

  /** {@code time} as event-counts' {@code event_timestamp} is written: {@code 2024-03-01 12:00:00}, UTC. */
  static String sqlTime(Instant time) {
    return SQL_TIME.format(time);
  }

  /** One user event of {@code type} at {@code time}, user {@code u<i>}, keyed by its user (spread over the partitions). */
  static ReplayRecord event(int i, String type, Instant time) {
    String json =
        "{\"event_timestamp\":\"" + sqlTime(time) + "\",\"user\":\"u" + i
            + "@example.com\",\"page\":\"http://example.com/\",\"event\":\"" + type + "\"}";
    return new ReplayRecord(("u" + i).getBytes(StandardCharsets.UTF_8), json.getBytes(StandardCharsets.UTF_8), null);
  }

  /** The count per type of events number {@code 0} to {@code n - 1}, as Redis holds them. */
  static Map<String, String> counts(int n) {
    Map<String, Long> counts = new TreeMap<>();
    for (int i = 0; i < n; i++) {
      counts.merge(type(i), 1L, Long::sum);
    }
    Map<String, String> asText = new TreeMap<>();
    counts.forEach((type, count) -> asText.put(type, Long.toString(count)));
    return asText;
  }

  /** Writes {@code records} to {@code topic} in order. */
  static void send(String bootstrapServers, String topic, List<ReplayRecord> records) throws InterruptedException {
    try (KafkaReplayer replayer = new KafkaReplayer(bootstrapServers, System.out)) {
      replayer.replay(topic, records.iterator(), 0);
    }
  }
}
