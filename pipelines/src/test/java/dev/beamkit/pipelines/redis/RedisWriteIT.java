package dev.beamkit.pipelines.redis;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;
import static org.junit.Assert.assertTrue;

import dev.beamkit.localstack.LocalStack;
import java.net.URI;
import java.util.Arrays;
import java.util.Set;
import java.util.UUID;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.Pipeline.PipelineExecutionException;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.KV;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;
import redis.clients.jedis.Jedis;

/** RedisWrite against the real Redis server: what a write, a retry, a replay and a new launch leave behind. */
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

  /** Writes {@code values} to {@link #key} in {@link RedisWrite.Mode#OFFSET_GUARDED_COUNT}, as one job. */
  private void guardedCount(String... values) {
    Pipeline pipeline = Pipeline.create();
    pipeline
        .apply(Create.of(Arrays.stream(values).map(v -> KV.of(key, v)).toList()))
        .apply(RedisWrite.of(RedisConnection.to(RedisUri.parse(stack.redisUri())), RedisWrite.Mode.OFFSET_GUARDED_COUNT));
    pipeline.run().waitUntilFinish();
  }

  /** What epochs before {@code epoch} counted of partition {@code p:0}, as a job's skip step reads it. */
  private long countedBefore(long epoch) {
    try (Jedis jedis = new Jedis(URI.create(stack.redisUri()))) {
      return CountedOffsets.countedBefore(epoch, jedis.hmget(CountedOffsets.hashOf(key), CountedOffsets.fieldsFor("p:0")));
    }
  }

  @Test
  public void guardedCountAddsANewLaunchsCountToWhatEarlierLaunchesCounted() {
    // Launch 100 counts 5 events up to offset 9; a retried or older pane changes nothing.
    guardedCount("100 5 p:0 9", "100 3 p:0 6", "100 5 p:0 9");
    assertEquals("5", get(key));
    assertEquals(9, countedBefore(200));
    assertEquals(-1, countedBefore(100));
    // Launch 200 re-reads after retention: it skipped offsets up to 9 and counts 2 new ones.
    guardedCount("200 1 p:0 12", "200 2 p:0 14");
    assertEquals("7", get(key));
    assertEquals(9, countedBefore(200));
    assertEquals(14, countedBefore(300));
    // Restored from its checkpoint, launch 200 writes its counts again, then more: same base.
    guardedCount("200 2 p:0 14", "200 4 p:0 20");
    assertEquals("9", get(key));
    try (Jedis jedis = new Jedis(URI.create(stack.redisUri()))) {
      assertEquals("5", jedis.hget(CountedOffsets.hashOf(key), "base"));
      assertEquals(Set.of(key), jedis.keys(key + "*"));
    }
  }

  @Test
  public void guardedCountRefusesAnOlderLaunchOnceALaterOneWrote() {
    guardedCount("300 4 p:0 3");
    PipelineExecutionException refused = assertThrows(PipelineExecutionException.class, () -> guardedCount("200 9 p:0 8"));
    assertTrue(refused.getMessage(), refused.getMessage().contains("kept by a later launch"));
    assertEquals("4", get(key));
  }

  @Test
  public void guardedCountRebuildsARedisThatLostEverythingFromTheLaunchsCount() {
    guardedCount("100 5 p:0 9");
    try (Jedis jedis = new Jedis(URI.create(stack.redisUri()))) {
      jedis.del(key, CountedOffsets.hashOf(key));
    }
    guardedCount("100 6 p:0 10");
    assertEquals("6", get(key));
  }

  @Test
  public void guardedCountDoesNotAddToACountWrittenBeforeOffsetsWereKept() {
    // Written by plain max-wins over the whole topic: the first guarded launch counts it all again.
    p.apply(Create.of(KV.of(key, "40"))).apply(RedisWrite.max(RedisConnection.to(RedisUri.parse(stack.redisUri()))));
    p.run().waitUntilFinish();
    guardedCount("100 38 p:0 37");
    assertEquals("40", get(key));
    guardedCount("100 41 p:0 40");
    assertEquals("41", get(key));
  }
}
