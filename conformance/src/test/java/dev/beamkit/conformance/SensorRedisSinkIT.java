package dev.beamkit.conformance;

import static dev.beamkit.conformance.SensorJobs.SENSORS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamkit.localstack.LocalStack;
import dev.beamkit.pipelines.runtime.RunningJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import redis.clients.jedis.Jedis;

/**
 * sensor-downsample with {@code --sink=redis}: one key per sensor and window,
 * {prefix}{sensor}:{window end}, holding the window's JSON, equal to the recomputation.
 */
class SensorRedisSinkIT {
  private final LocalStack stack = LocalStack.shared();

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.beamkit.conformance.RunnerTarget#all")
  void eachWindowIsOneRedisKeyWithItsStats(RunnerTarget target) throws Exception {
    String in = Topics.unique("raw-temp-data");
    String prefix = Topics.unique("sensor") + ":";
    Topics.fill(stack, in, 1, SensorJobs.records(SENSORS));
    Map<String, ExpectedWindows.Bucket> expected = ExpectedWindows.of(SENSORS);

    try (RunningJob job =
            SensorJobs.start(
                target, stack, in, "--sink=redis", "--redisUri=" + stack.redisUri(), "--keyPrefix=" + prefix);
        Jedis jedis = new Jedis(URI.create(stack.redisUri()))) {
      Await.until(
          expected.size() + " window keys in Redis",
          Await.PATIENCE,
          () -> jedis.keys(prefix + "*").size() >= expected.size());
      Map<String, JsonNode> byWindow = new TreeMap<>();
      Set<String> keys = jedis.keys(prefix + "*");
      ObjectMapper mapper = new ObjectMapper();
      for (String key : keys) {
        String[] sensorAndEnd = key.substring(prefix.length()).split(":");
        try {
          byWindow.put(sensorAndEnd[1] + "/" + sensorAndEnd[0], mapper.readTree(jedis.get(key)));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      assertEquals(expected.keySet(), byWindow.keySet());
      expected.forEach(
          (window, want) -> {
            JsonNode t = byWindow.get(window).get("temperature");
            assertEquals(want.count, t.get("count").asLong(), window);
            assertEquals(want.mean(), t.get("mean").asDouble(), 1e-9, window);
          });
    }
  }
}
