package dev.beamkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamkit.localstack.LocalStack;
import dev.beamkit.pipelines.events.EventCounts;
import dev.beamkit.pipelines.replay.ReplayRecord;
import dev.beamkit.pipelines.replay.TestdataFile;
import dev.beamkit.pipelines.runtime.RunningJob;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.Jedis;

/**
 * event-counts end to end on each runner: testdata/user-events.jsonl goes into Kafka, the
 * pipeline keeps Redis keys {prefix}{event} at the running count, and reading the same input
 * again (a new consumer group, i.e. a replay from the start) leaves the same values — not
 * doubled, as INCRBY would.
 */
class EventCountsIT {
  static final Path EVENTS = Path.of("../testdata/user-events.jsonl");
  private final LocalStack stack = LocalStack.shared();

  /** Counts per event type, read from the file with plain Jackson. */
  static Map<String, String> expectedCounts() throws IOException {
    return expectedCounts("event");
  }

  /** Counts per value of {@code field}, read from the file with plain Jackson. */
  static Map<String, String> expectedCounts(String field) throws IOException {
    ObjectMapper mapper = new ObjectMapper();
    Map<String, Long> counts = new TreeMap<>();
    for (String line : Files.readAllLines(EVENTS)) {
      if (!line.isBlank()) {
        counts.merge(mapper.readTree(line).get(field).asText(), 1L, Long::sum);
      }
    }
    Map<String, String> asText = new TreeMap<>();
    counts.forEach((event, n) -> asText.put(event, Long.toString(n)));
    return asText;
  }

  /** The keys starting with {@code prefix}, without it, and their values. */
  static Map<String, String> redisCounts(LocalStack stack, String prefix) {
    Map<String, String> found = new TreeMap<>();
    try (Jedis jedis = new Jedis(URI.create(stack.redisUri()))) {
      for (String key : jedis.keys(prefix + "*")) {
        found.put(key.substring(prefix.length()), jedis.get(key));
      }
    }
    return found;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.beamkit.conformance.RunnerTarget#all")
  void redisHoldsTheRunningCountsAndAReplayDoesNotDoubleThem(RunnerTarget target) throws Exception {
    String topic = Topics.unique("user-events");
    String prefix = Topics.unique("events") + ":";
    List<ReplayRecord> records = TestdataFile.read(EVENTS, null);
    Topics.fill(stack, topic, 1, records);
    Map<String, String> expected = expectedCounts();

    for (String group : List.of("first-run", "replay")) {
      try (RunningJob job =
          target.start(
              new EventCounts(),
              "--bootstrapServers=" + stack.bootstrapServers(),
              "--redisUri=" + stack.redisUri(),
              "--inputTopic=" + topic,
              "--consumerGroup=" + Topics.unique(group),
              "--keyPrefix=" + prefix)) {
        Await.until(
            group + ": all " + records.size() + " events parsed",
            Await.PATIENCE,
            () -> job.metrics().get("parsed") == records.size());
        Await.until(
            group + ": Redis counts " + expected, Await.PATIENCE, () -> expected.equals(redisCounts(stack, prefix)));
        // Give a replay's late panes time to land: they must not change a thing.
        Thread.sleep(2000);
        assertEquals(expected, redisCounts(stack, prefix), group);
      }
    }
  }
}
