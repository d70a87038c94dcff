package dev.beamkit.pipelines.redis;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
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
 * allows; this writer talks to Redis through Jedis and sends each bundle as one pipeline.
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

  private final RedisUri uri;
  private final Mode mode;

  private RedisWrite(RedisUri uri, Mode mode) {
    this.uri = uri;
    this.mode = mode;
  }

  /** Overwrites each key with its value. */
  public static RedisWrite set(RedisUri uri) {
    return new RedisWrite(uri, Mode.SET);
  }

  /** Keeps the numerically largest value written to each key. */
  public static RedisWrite max(RedisUri uri) {
    return new RedisWrite(uri, Mode.MAX);
  }

  @Override
  public PCollection<Void> expand(PCollection<KV<String, String>> input) {
    return input.apply("WriteToRedis", ParDo.of(new WriteFn(uri, mode)));
  }

  /** Opens a connection for the life of the DoFn, sends every bundle as one pipeline. */
  private static final class WriteFn extends DoFn<KV<String, String>, Void> {
    private final RedisUri uri;
    private final Mode mode;
    private transient Jedis jedis;
    private transient String maxScriptSha;
    private transient List<KV<String, String>> batch;

    WriteFn(RedisUri uri, Mode mode) {
      this.uri = uri;
      this.mode = mode;
    }

    @Setup
    public void setup() {
      DefaultJedisClientConfig.Builder config =
          DefaultJedisClientConfig.builder().database(uri.database()).ssl(uri.tls());
      if (uri.password() != null) {
        config.user(uri.user()).password(uri.password());
      }
      jedis = new Jedis(new HostAndPort(uri.host(), uri.port()), config.build());
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
          throw new IllegalStateException("Redis rejected a write to " + uri, (Exception) reply);
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
