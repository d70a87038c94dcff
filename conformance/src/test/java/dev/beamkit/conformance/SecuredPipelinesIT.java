package dev.beamkit.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamkit.pipelines.events.EventCounts;
import dev.beamkit.pipelines.kafka.TopicReader;
import dev.beamkit.pipelines.replay.ReplayRecord;
import dev.beamkit.pipelines.replay.TestdataFile;
import dev.beamkit.pipelines.runtime.RunningJob;
import dev.beamkit.pipelines.sensors.SensorDownsample;
import dev.beamkit.pipelines.words.WordCount;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Each pipeline end to end against servers that want credentials: Kafka only over SASL_SSL with a
 * SCRAM-SHA-512 user whose password is a {@code ${file:...}} reference in {@code
 * --kafkaProperties}, Redis only as an ACL user over TLS with {@code --redisPasswordFile} and
 * {@code --redisCaCert}. The test harness fills the input topics and reads the results through the
 * broker's PLAINTEXT listener; the pipelines know only the SASL_SSL one. (On the Flink session
 * cluster, CanaryIT runs event-counts against the same servers.)
 */
class SecuredPipelinesIT {
  private static final byte[] NOT_JSON = "{broken".getBytes(StandardCharsets.UTF_8);
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final SecuredServers secured = SecuredServers.get();

  private List<ConsumerRecord<byte[], byte[]>> read(String topic, int atLeast) {
    return TopicReader.readAll(
        secured.stack().kafka().bootstrapServers(), topic, atLeast, Duration.ofSeconds(1), Duration.ofSeconds(10));
  }

  private static JsonNode json(byte[] bytes) {
    try {
      return MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new AssertionError(new String(bytes, StandardCharsets.UTF_8), e);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.beamkit.conformance.RunnerTarget#local")
  void sensorDownsampleOverSaslSsl(RunnerTarget target) throws Exception {
    String in = Topics.unique("raw-temp-data");
    String out = Topics.unique("agg-temperature");
    String dlq = Topics.unique("dead-letters");
    List<ReplayRecord> records = new ArrayList<>(SensorJobs.records(SensorJobs.SENSORS));
    records.add(0, new ReplayRecord(null, NOT_JSON, null));
    Topics.fill(secured.stack().kafka(), in, 3, records);
    Map<String, ExpectedWindows.Bucket> expected = ExpectedWindows.of(SensorJobs.SENSORS);

    try (RunningJob job =
        target.start(
            new SensorDownsample(),
            secured.securedOptions(
                "--inputTopic=" + in, "--outputTopic=" + out, "--deadLetterTopic=" + dlq, "--idleTimeout=1s"))) {
      Map<String, Long> counts = new TreeMap<>();
      Await.until(
          "a pane for each of " + expected.size() + " windows",
          Await.PATIENCE,
          () -> {
            for (ConsumerRecord<byte[], byte[]> r : read(out, 0)) {
              JsonNode w = json(r.value());
              counts.put(w.get("time").asLong() + "/" + w.get("sensor").asText(), w.get("temperature").get("count").asLong());
            }
            return counts.size() >= expected.size();
          });
      Map<String, Long> expectedCounts = new TreeMap<>();
      expected.forEach((window, bucket) -> expectedCounts.put(window, bucket.count));
      assertEquals(expectedCounts, counts);
      List<ConsumerRecord<byte[], byte[]>> letters = read(dlq, 1);
      assertEquals(1, letters.size());
      assertArrayEquals(NOT_JSON, letters.get(0).value());
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.beamkit.conformance.RunnerTarget#local")
  void eventCountsIntoRedisAsAnAclUserOverTls(RunnerTarget target) throws Exception {
    String in = Topics.unique("user-events");
    String prefix = Topics.unique("events") + ":";
    List<ReplayRecord> records = TestdataFile.read(EventCountsIT.EVENTS, null);
    Topics.fill(secured.stack().kafka(), in, 1, records);
    Map<String, String> expected = EventCountsIT.expectedCounts();

    try (RunningJob job =
        target.start(
            new EventCounts(),
            secured.securedOptions("--inputTopic=" + in, "--consumerGroup=" + Topics.unique("g"), "--keyPrefix=" + prefix))) {
      Await.until(
          "Redis counts " + expected, Await.PATIENCE, () -> expected.equals(secured.redisValues(prefix)));
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.beamkit.conformance.RunnerTarget#local")
  void wordCountOverSaslSsl(RunnerTarget target) throws Exception {
    String in = Topics.unique("text-stream");
    String out = Topics.unique("word-counts");
    List<ReplayRecord> records = TestdataFile.read(WordCountIT.TEXT, null);
    Topics.fill(secured.stack().kafka(), in, 1, records);
    Map<String, Long> expected = WordCountIT.expectedCounts(records);

    try (RunningJob job =
        target.start(
            new WordCount(),
            secured.securedOptions(
                "--inputTopic=" + in, "--outputTopic=" + out, "--deadLetterTopic=" + Topics.unique("dlq"),
                "--idleTimeout=1s"))) {
      Map<String, Long> total = new TreeMap<>();
      Await.until(
          "word counts for all " + expected.size() + " words",
          Await.PATIENCE,
          () -> {
            Map<String, Long> lastPane = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> r : read(out, 0)) {
              JsonNode w = json(r.value());
              lastPane.put(w.get("windowEnd").asLong() + "/" + w.get("word").asText(), w.get("count").asLong());
            }
            total.clear();
            lastPane.forEach((k, n) -> total.merge(k.substring(k.indexOf('/') + 1), n, Long::sum));
            return total.equals(expected);
          });
      assertEquals(expected, total);
    }
  }
}
