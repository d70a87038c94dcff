package dev.beamkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamkit.localstack.LocalStack;
import dev.beamkit.localstack.ProcessFreeze;
import dev.beamkit.localstack.RedisServer;
import dev.beamkit.pipelines.runtime.RunningJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.Jedis;

/**
 * Redis stops answering for 30 s (SIGSTOP) while sensor-downsample writes a window key per sensor
 * and window from a live sensor: the job must stay up on every runner — on the DirectRunner the
 * first failed bundle used to end it — and once Redis answers again every window must hold the
 * stats of every reading that fell into it.
 *
 * <p>Redis is this class's own (the shared one must not be frozen under other tests); Kafka is the
 * shared broker.
 */
class RedisOutageIT {
  private static final Duration OUTAGE = Duration.ofSeconds(30);
  private static final Duration WINDOW = Duration.ofSeconds(10);
  private static RedisServer redis;
  private final LocalStack stack = LocalStack.shared();

  @BeforeAll
  static void startRedis() {
    redis = RedisServer.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  static Stream<RunnerTarget> targets() {
    return Stream.of(RunnerTarget.DIRECT, RunnerTarget.FLINK_LOCAL, RunnerTarget.SPARK_LOCAL);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void aFrozenRedisLosesNoWindow(RunnerTarget target) throws Exception {
    String in = Topics.unique("raw-temp-data");
    String prefix = Topics.unique("sensor") + ":";
    stack.kafka().createTopic(in, 3);
    try (RunningJob job =
            SensorJobs.start(target, stack, in, "--sink=redis", "--redisUri=" + redis.uri(), "--keyPrefix=" + prefix);
        LiveReadings sensor = LiveReadings.start(stack.bootstrapServers(), in, 3, 40);
        Jedis jedis = new Jedis(URI.create(redis.uri()))) {
      Await.until("the first window key", Await.PATIENCE, () -> !jedis.keys(prefix + "*").isEmpty());
      try (ProcessFreeze frozen = ProcessFreeze.of(redis.pid())) {
        Thread.sleep(OUTAGE.toMillis());
      }
      Thread.sleep(12_000);
      sensor.close();
      List<SensorAudit.Reading> inputs = sensor.acknowledged();

      Map<String, Long> expected = new HashMap<>();
      for (SensorAudit.Reading r : inputs) {
        expected.merge(SensorAudit.windowKey(r.sensor(), r.eventTime(), WINDOW), 1L, Long::sum);
      }
      Map<String, Long> found = counts(jedis, prefix);
      long deadline = System.nanoTime() + Await.PATIENCE.toNanos();
      while (missing(expected, found) > 0 && System.nanoTime() < deadline) {
        Thread.sleep(1_000);
        found = counts(jedis, prefix);
      }
      System.out.println(
          "RedisOutageIT[" + target + "] readings=" + inputs.size() + " windows=" + expected.size()
              + " missing=" + missing(expected, found));
      assertEquals(0, missing(expected, found), "readings missing from the windows in Redis");
      assertEquals(expected, found, "every window's count");
    }
  }

  /** Readings of {@code expected} windows that the {@code found} counts do not hold. */
  private static long missing(Map<String, Long> expected, Map<String, Long> found) {
    long missing = 0;
    for (Map.Entry<String, Long> e : expected.entrySet()) {
      missing += Math.max(0, e.getValue() - found.getOrDefault(e.getKey(), 0L));
    }
    return missing;
  }

  /** "sensor@windowStart" → the count stored for that window. */
  private static Map<String, Long> counts(Jedis jedis, String prefix) {
    ObjectMapper mapper = new ObjectMapper();
    Map<String, Long> counts = new HashMap<>();
    for (String key : jedis.keys(prefix + "*")) {
      try {
        var window = mapper.readTree(jedis.get(key));
        counts.put(
            window.get("sensor").asText() + "@" + window.get("windowStart").asLong(),
            window.get("temperature").get("count").asLong());
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return counts;
  }
}
