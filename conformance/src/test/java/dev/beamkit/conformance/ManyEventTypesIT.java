package dev.beamkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamkit.localstack.LocalStack;
import dev.beamkit.pipelines.events.EventCounts;
import dev.beamkit.pipelines.kafka.TopicReader;
import dev.beamkit.pipelines.redis.CountedOffsets;
import dev.beamkit.pipelines.replay.ReplayRecord;
import dev.beamkit.pipelines.runtime.RunningJob;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.params.ScanParams;
import redis.clients.jedis.resps.ScanResult;

/**
 * event-counts keeps one running count per event type, as many as the input has: 100,000
 * distinct types (one event each) and a few repeated ones, end to end into real Redis on Flink
 * {@code [local]} (the DirectRunner reads Kafka at a few hundred events a second: the runner
 * table). Every key must hold its exact count, and nothing may be dead-lettered.
 */
class ManyEventTypesIT {
  private static final int DISTINCT = 100_000;
  /** Types that come again and again, spread through the stream, with how often. */
  private static final Map<String, Long> REPEATED = Map.of("click", 250L, "view", 120L, "purchase", 30L);

  private final LocalStack stack = LocalStack.shared();

  @Test
  void everyOneOfAHundredThousandEventTypesHasItsExactCount() throws Exception {
    String in = Topics.unique("user-events");
    String dlq = in + "-dead-letters";
    String prefix = Topics.unique("many") + ":";
    Map<String, String> expected = new TreeMap<>();
    List<ReplayRecord> records = events(expected);
    Topics.fill(stack, in, 1, records);

    long started = System.nanoTime();
    try {
      awaitCounts(in, dlq, prefix, expected);
      System.out.printf(
          "ManyEventTypesIT: %,d events, %,d event types counted in Redis %d s after the launch%n",
          records.size(), expected.size(), Duration.ofNanos(System.nanoTime() - started).toSeconds());
      // The counts add up to every event sent, so none can have been dead-lettered; and none was.
      assertEquals(
          0, TopicReader.readAll(stack.bootstrapServers(), dlq, 0, Duration.ofSeconds(1), Duration.ofSeconds(10)).size());
    } finally {
      deleteKeys(prefix);
    }
  }

  /** Runs event-counts until Redis holds {@code expected} under {@code prefix}. */
  private void awaitCounts(String in, String dlq, String prefix, Map<String, String> expected) throws Exception {
    try (RunningJob job =
        RunnerTarget.FLINK_LOCAL.start(
            new EventCounts(),
            "--bootstrapServers=" + stack.bootstrapServers(),
            "--redisUri=" + stack.redisUri(),
            "--inputTopic=" + in,
            "--deadLetterTopic=" + dlq,
            "--consumerGroup=" + Topics.unique("many-event-types"),
            "--keyPrefix=" + prefix)) {
      AtomicReference<Map<String, String>> seen = new AtomicReference<>(Map.of());
      try {
        Await.until(
            expected.size() + " keys in Redis with their counts",
            Await.PATIENCE,
            () -> {
              seen.set(redisCounts(prefix));
              return seen.get().equals(expected);
            });
      } catch (AssertionError e) {
        long right = expected.entrySet().stream().filter(c -> c.getValue().equals(seen.get().get(c.getKey()))).count();
        throw new AssertionError(e.getMessage() + ": " + seen.get().size() + " keys, " + right + " of them right", e);
      }
    }
  }

  /**
   * The shared Redis serves the later tests, whose KEYS calls need not wade through these: the
   * counts and the hashes of offsets beside them.
   */
  private void deleteKeys(String prefix) {
    List<String> keys = new ArrayList<>(redisCounts(prefix).keySet());
    try (Jedis jedis = new Jedis(URI.create(stack.redisUri()))) {
      for (int from = 0; from < keys.size(); from += 10_000) {
        jedis.unlink(
            keys.subList(from, Math.min(keys.size(), from + 10_000)).stream()
                .flatMap(k -> Stream.of(prefix + k, CountedOffsets.hashOf(prefix + k)))
                .toArray(String[]::new));
      }
    }
  }

  /**
   * One event per distinct type ({@code type-000000}...), the repeated types interleaved; fills
   * {@code expected} with the count of each type as Redis should hold it.
   */
  private static List<ReplayRecord> events(Map<String, String> expected) {
    List<String> types = new ArrayList<>();
    for (int i = 0; i < DISTINCT; i++) {
      types.add(String.format("type-%06d", i));
    }
    int every = DISTINCT / REPEATED.values().stream().mapToInt(Long::intValue).sum();
    List<String> repeats = new ArrayList<>();
    REPEATED.forEach((type, n) -> {
      for (long i = 0; i < n; i++) {
        repeats.add(type);
      }
    });
    List<String> stream = new ArrayList<>();
    for (int i = 0; i < types.size(); i++) {
      stream.add(types.get(i));
      if (i % every == 0 && i / every < repeats.size()) {
        stream.add(repeats.get(i / every));
      }
    }
    List<ReplayRecord> records = new ArrayList<>();
    Map<String, Long> counts = new TreeMap<>();
    for (int i = 0; i < stream.size(); i++) {
      String type = stream.get(i);
      counts.merge(type, 1L, Long::sum);
      String ts = String.format("2024-03-01 %02d:%02d:%02d", 12 + i / 3600 % 12, i / 60 % 60, i % 60);
      String json =
          "{\"event_timestamp\":\"" + ts + "\",\"user\":\"u" + i % 1000 + "@example.com\","
              + "\"page\":\"http://example.com/\",\"event\":\"" + type + "\"}";
      records.add(new ReplayRecord(null, json.getBytes(StandardCharsets.UTF_8), null));
    }
    assertEquals(REPEATED.values().stream().mapToLong(Long::longValue).sum(), stream.size() - (long) DISTINCT);
    counts.forEach((type, n) -> expected.put(type, Long.toString(n)));
    REPEATED.forEach((type, n) -> assertEquals(Long.toString(n), expected.get(type)));
    return records;
  }

  /** The keys starting with {@code prefix}, without it, and their values: SCAN and MGET in batches. */
  private Map<String, String> redisCounts(String prefix) {
    Map<String, String> found = new TreeMap<>();
    try (Jedis jedis = new Jedis(URI.create(stack.redisUri()))) {
      ScanParams match = new ScanParams().match(prefix + "*").count(10_000);
      String cursor = ScanParams.SCAN_POINTER_START;
      do {
        ScanResult<String> page = jedis.scan(cursor, match);
        List<String> keys = page.getResult();
        if (!keys.isEmpty()) {
          List<String> values = jedis.mget(keys.toArray(new String[0]));
          for (int i = 0; i < keys.size(); i++) {
            found.put(keys.get(i).substring(prefix.length()), values.get(i));
          }
        }
        cursor = page.getCursor();
      } while (!cursor.equals(ScanParams.SCAN_POINTER_START));
    }
    return found;
  }
}
