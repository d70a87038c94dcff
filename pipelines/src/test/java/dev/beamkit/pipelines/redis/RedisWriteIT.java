package dev.beamkit.pipelines.redis;

import static org.junit.Assert.assertEquals;

import dev.beamkit.localstack.LocalStack;
import java.net.URI;
import java.util.UUID;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;
import redis.clients.jedis.Jedis;

/** RedisWrite against the real Redis server: what a write, a retry and a replay leave behind. */
@RunWith(JUnit4.class)
public class RedisWriteIT {
  @Rule public final transient TestPipeline p = TestPipeline.create().enableAbandonedNodeEnforcement(false);

  private final LocalStack stack = LocalStack.shared();
  private final String key = "it:" + UUID.randomUUID();

  private String get(String k) {
    try (Jedis jedis = new Jedis(URI.create(stack.redisUri()))) {
      return jedis.get(k);
    }
  }

  @Test
  public void maxKeepsTheLargestCountWhateverTheOrderAndHowOftenWritten() {
    p.apply(Create.of(KV.of(key, "5"), KV.of(key, "12"), KV.of(key, "7"), KV.of(key, "12"), KV.of(key, "3")))
        .apply(RedisWrite.max(RedisConnection.to(RedisUri.parse(stack.redisUri()))));
    p.run().waitUntilFinish();
    assertEquals("12", get(key));
    // The same input again, as after a replay from the start: nothing changes.
    p.run().waitUntilFinish();
    assertEquals("12", get(key));
  }

  @Test
  public void setOverwritesAndWritesToTheSelectedDatabase() {
    RedisUri db2 = RedisUri.parse(stack.redisUri() + "/2");
    p.apply(Create.of(KV.of(key, "{\"count\":1}"))).apply(RedisWrite.set(RedisConnection.to(db2)));
    p.run().waitUntilFinish();
    try (Jedis jedis = new Jedis(URI.create(stack.redisUri()))) {
      jedis.select(2);
      assertEquals("{\"count\":1}", jedis.get(key));
      jedis.select(0);
      assertEquals(null, jedis.get(key));
    }
  }
}
