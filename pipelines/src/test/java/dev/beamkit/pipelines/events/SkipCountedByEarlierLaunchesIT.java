package dev.beamkit.pipelines.events;

import dev.beamkit.localstack.LocalStack;
import dev.beamkit.pipelines.redis.CountedOffsets;
import dev.beamkit.pipelines.redis.RedisConnection;
import dev.beamkit.pipelines.redis.RedisUri;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;
import redis.clients.jedis.Jedis;

/**
 * What a launch skips, against the real Redis: what earlier epochs counted, never what its own
 * epoch counted (a restart from its checkpoint counts those again from its state).
 */
@RunWith(JUnit4.class)
public class SkipCountedByEarlierLaunchesIT {
  private static final long EARLIER = 100;
  private static final long RUNNING = 200;

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private final LocalStack stack = LocalStack.shared();
  private final String prefix = "skip-it-" + UUID.randomUUID() + ":";

  /** click in partition t:0 offsets 0-14, view in t:1 offsets 0-4, one event from no log. */
  private static List<KV<String, KV<String, Long>>> events() {
    List<KV<String, KV<String, Long>>> events = new ArrayList<>();
    for (long offset = 0; offset < 15; offset++) {
      events.add(KV.of("click", KV.of("t:0", offset)));
    }
    for (long offset = 0; offset < 5; offset++) {
      events.add(KV.of("view", KV.of("t:1", offset)));
    }
    events.add(KV.of("view", KV.of("", -1L)));
    return events;
  }

  /** Epoch {@link #RUNNING} has written click: it counted up to offset 10, earlier epochs up to 5. */
  private void clickWrittenByTheRunningEpoch() {
    try (Jedis jedis = new Jedis(URI.create(stack.redisUri()))) {
      jedis.hset(
          CountedOffsets.hashOf(prefix + "click"),
          Map.of("epoch", Long.toString(RUNNING), "base", "6", "earlier:t:0", "5", "this:t:0", "10"));
      jedis.hset(CountedOffsets.hashOf(prefix + "view"), Map.of("epoch", Long.toString(EARLIER), "base", "0", "this:t:1", "2"));
    }
  }

  private PCollection<KV<String, KV<String, Long>>> skip(long epoch) {
    return p.apply(Create.of(events()))
        .apply(
            ParDo.of(
                new SkipCountedByEarlierLaunches(
                    new OffsetGuard(RedisConnection.to(RedisUri.parse(stack.redisUri())), prefix, epoch))));
  }

  private static List<KV<String, KV<String, Long>>> after(String type, String partition, long from, long to) {
    List<KV<String, KV<String, Long>>> events = new ArrayList<>();
    for (long offset = from; offset < to; offset++) {
      events.add(KV.of(type, KV.of(partition, offset)));
    }
    return events;
  }

  @Test
  public void theRunningEpochSkipsOnlyWhatEarlierEpochsCounted() {
    clickWrittenByTheRunningEpoch();
    List<KV<String, KV<String, Long>>> expected = new ArrayList<>(after("click", "t:0", 6, 15));
    // view was last written by the earlier epoch: its offsets up to 2 are earlier ones.
    expected.addAll(after("view", "t:1", 3, 5));
    expected.add(KV.of("view", KV.of("", -1L)));
    PAssert.that(skip(RUNNING)).containsInAnyOrder(expected);
    p.run().waitUntilFinish();
  }

  @Test
  public void aLaterLaunchSkipsWhatTheRunningEpochCountedToo() {
    clickWrittenByTheRunningEpoch();
    List<KV<String, KV<String, Long>>> expected = new ArrayList<>(after("click", "t:0", 11, 15));
    expected.addAll(after("view", "t:1", 3, 5));
    expected.add(KV.of("view", KV.of("", -1L)));
    PAssert.that(skip(RUNNING + 1)).containsInAnyOrder(expected);
    p.run().waitUntilFinish();
  }

  @Test
  public void theFirstLaunchSkipsNothing() {
    PAssert.that(skip(EARLIER)).containsInAnyOrder(events());
    p.run().waitUntilFinish();
  }
}
