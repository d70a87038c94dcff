package dev.beamkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamkit.localstack.LocalStack;
import dev.beamkit.localstack.RedisServer;
import dev.beamkit.pipelines.events.EventCounts;
import dev.beamkit.pipelines.replay.KafkaReplayer;
import dev.beamkit.pipelines.replay.ReplayRecord;
import dev.beamkit.pipelines.runtime.RunningJob;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Redis restarts (stopped, started again on its port, empty: no persistence) under event-counts,
 * which keeps the running count per event type in the runner and writes it max-wins with a Lua
 * script. The new server has forgotten every key and the script; the job must stay up, load the
 * script again — also when the connection survives and only the scripts are flushed (NOSCRIPT) —
 * and the counts must come back to the truth as events arrive: the count lives in the job, not in
 * Redis.
 */
class RedisRestartIT {
  private final LocalStack stack = LocalStack.shared();

  @Test
  void countsConvergeAfterRedisComesBackEmpty() throws Exception {
    String in = Topics.unique("user-events");
    String prefix = Topics.unique("events") + ":";
    stack.kafka().createTopic(in, 1);
    int port = freePort();
    RedisServer redis = RedisServer.builder().port(port).start();
    try (RunningJob job =
        RunnerTarget.DIRECT.start(
            new EventCounts(),
            "--bootstrapServers=" + stack.bootstrapServers(),
            "--redisUri=" + redis.uri(),
            "--inputTopic=" + in,
            "--keyPrefix=" + prefix)) {
      send(in, events(0, 30));
      awaitCounts(redis.uri(), prefix, Map.of("click", "20", "view", "10"));

      redis.close();
      redis = RedisServer.builder().port(port).start();
      send(in, events(30, 30));
      awaitCounts(redis.uri(), prefix, Map.of("click", "40", "view", "20"));

      // Scripts forgotten while the connection stays up (SCRIPT FLUSH, as an operator or a
      // failover does): the writer's next EVALSHA gets NOSCRIPT and must load the script again.
      try (Jedis admin = new Jedis(URI.create(redis.uri()))) {
        admin.scriptFlush();
      }
      send(in, events(60, 30));
      awaitCounts(redis.uri(), prefix, Map.of("click", "60", "view", "30"));
    } finally {
      redis.close();
    }
  }

  /** {@code n} user events from number {@code first} on: two clicks, then a view, and so on. */
  private static List<ReplayRecord> events(int first, int n) {
    List<ReplayRecord> records = new ArrayList<>();
    for (int i = first; i < first + n; i++) {
      String event = i % 3 == 2 ? "view" : "click";
      String ts = String.format("2024-03-01 12:%02d:%02d", i / 60, i % 60);
      String json =
          "{\"event_timestamp\":\"" + ts + "\",\"user\":\"u" + i + "@example.com\",\"page\":\"http://example.com/\",\"event\":\"" + event + "\"}";
      records.add(new ReplayRecord(null, json.getBytes(StandardCharsets.UTF_8), null));
    }
    return records;
  }

  private void send(String topic, List<ReplayRecord> records) throws InterruptedException {
    try (KafkaReplayer replayer = new KafkaReplayer(stack.bootstrapServers(), System.out)) {
      replayer.replay(topic, records.iterator(), 0);
    }
  }

  private static void awaitCounts(String uri, String prefix, Map<String, String> expected) throws InterruptedException {
    try (Jedis jedis = new Jedis(URI.create(uri))) {
      Map<String, String> counts = new TreeMap<>();
      Await.until(
          "Redis counts " + expected,
          Await.PATIENCE,
          () -> {
            counts.clear();
            expected.keySet().forEach(e -> {
              String v = jedis.get(prefix + e);
              if (v != null) {
                counts.put(e, v);
              }
            });
            return counts.equals(new TreeMap<>(expected));
          });
      assertEquals(new TreeMap<>(expected), counts);
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
