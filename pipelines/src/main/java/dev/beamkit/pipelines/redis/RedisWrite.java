package dev.beamkit.pipelines.redis;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/**
 * Writes key/value pairs to Redis so that writing the same element again changes nothing: a
 * retried bundle or a replayed input leaves the same values behind.
 *
 * <p>{@link Mode#SET} overwrites the key with the value. {@link Mode#MAX} is for running totals
 * (accumulating panes): it keeps the larger of the stored and the new number, so panes that
 * arrive out of order, or a replay that writes the smaller intermediate counts again, never move
 * a total backwards. Neither mode uses INCRBY, which counts twice when a bundle is retried.
 *
 * <p>Beam's RedisIO cannot select a database or log in as an ACL user, which {@link RedisUri}
 * allows; this writer talks to Redis through Jedis ({@link RedisConnection}, which also resolves
 * the password where the writer runs) and sends each bundle as one pipeline.
 */
public final class RedisWrite extends PTransform<PCollection<KV<String, String>>, PCollection<Void>> {

  /** How a value is written. */
  public enum Mode {
    SET,
    MAX
  }

  private static final String MAX_SCRIPT =
      "local old = tonumber(redis.call('GET', KEYS[1]))\n"
          + "if old == nil or tonumber(ARGV[1]) > old then\n"
          + "  redis.call('SET', KEYS[1], ARGV[1])\n"
          + "end\n";

  private final RedisConnection redis;
  private final Mode mode;

  private RedisWrite(RedisConnection redis, Mode mode) {
    this.redis = redis;
    this.mode = mode;
  }

  /** Writes to {@code redis} in {@code mode}. */
  public static RedisWrite of(RedisConnection redis, Mode mode) {
    return new RedisWrite(redis, mode);
  }

  /** Overwrites each key with its value. */
  public static RedisWrite set(RedisConnection redis) {
    return of(redis, Mode.SET);
  }

  /** Keeps the numerically largest value written to each key. */
  public static RedisWrite max(RedisConnection redis) {
    return of(redis, Mode.MAX);
  }

  @Override
  public PCollection<Void> expand(PCollection<KV<String, String>> input) {
    return input.apply("WriteToRedis", ParDo.of(new WriteFn(redis, mode)));
  }

  /** Opens a connection for the life of the DoFn, sends every bundle as one pipeline. */
  private static final class WriteFn extends DoFn<KV<String, String>, Void> {
    private final RedisConnection redis;
    private final Mode mode;
    private transient Jedis jedis;
    private transient String maxScriptSha;
    private transient List<KV<String, String>> batch;

    WriteFn(RedisConnection redis, Mode mode) {
      this.redis = redis;
      this.mode = mode;
    }

    @Setup
    public void setup() {
      jedis = redis.open();
      if (mode == Mode.MAX) {
        maxScriptSha = jedis.scriptLoad(MAX_SCRIPT);
      }
    }

    @StartBundle
    public void startBundle() {
      batch = new ArrayList<>();
    }

    @ProcessElement
    public void processElement(@Element KV<String, String> kv) {
      batch.add(kv);
    }

    @FinishBundle
    public void finishBundle() {
      if (batch.isEmpty()) {
        return;
      }
      Pipeline pipeline = jedis.pipelined();
      for (KV<String, String> kv : batch) {
        if (mode == Mode.MAX) {
          pipeline.evalsha(maxScriptSha, List.of(kv.getKey()), List.of(kv.getValue()));
        } else {
          pipeline.set(kv.getKey(), kv.getValue());
        }
      }
      for (Object reply : pipeline.syncAndReturnAll()) {
        if (reply instanceof Exception) {
          // Failing the bundle makes the runner retry it; both modes make the retry harmless.
          throw new IllegalStateException("Redis rejected a write to " + redis, (Exception) reply);
        }
      }
      batch.clear();
    }

    @Teardown
    public void teardown() {
      if (jedis != null) {
        jedis.close();
      }
    }
  }
}
