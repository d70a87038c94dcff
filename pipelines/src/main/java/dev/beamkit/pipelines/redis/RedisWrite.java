package dev.beamkit.pipelines.redis;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.checkerframework.checker.nullness.qual.Nullable;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;
import redis.clients.jedis.exceptions.JedisConnectionException;
import redis.clients.jedis.exceptions.JedisNoScriptException;

/**
 * Writes key/value pairs to Redis so that writing the same element again changes nothing: a
 * retried bundle or a replayed input leaves the same values behind.
 *
 * <p>{@link Mode#SET} overwrites the key with the value. {@link Mode#MAX} is for running totals
 * (accumulating panes): it keeps the larger of the stored and the new number, so panes that
 * arrive out of order, or a replay that writes the smaller intermediate counts again, never move
 * a total backwards. {@link Mode#OFFSET_GUARDED_COUNT} is MAX for a running total that must
 * outlive its input, whose value carries its launch's epoch and the offsets it counted ({@link
 * CountedOffsets}). No mode uses INCRBY, which counts twice when a bundle is retried.
 *
 * <p>Beam's RedisIO cannot select a database or log in as an ACL user, which {@link RedisUri}
 * allows; this writer talks to Redis through Jedis ({@link RedisConnection}, which also resolves
 * the password where the writer runs) and sends each bundle as one pipeline.
 */
public final class RedisWrite extends PTransform<PCollection<KV<String, String>>, PCollection<Void>> {

  /** How a value is written. */
  public enum Mode {
    SET,
    MAX,
    /** The value is a {@link CountedOffsets#value}; the key gets base + count, kept max-wins. */
    OFFSET_GUARDED_COUNT
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

  /**
   * Opens a connection for the life of the DoFn, sends every bundle as one pipeline. A Redis that
   * stops answering or restarts does not fail the bundle at once — on the DirectRunner a failed
   * bundle ends the job, elsewhere the runner restarts it — : the bundle is sent again on a new
   * connection, with growing pauses, for up to {@link RedisOutage#PATIENCE}; every mode makes a
   * resend harmless. A restarted server has forgotten the mode's script (NOSCRIPT); it is loaded
   * again.
   */
  private static final class WriteFn extends DoFn<KV<String, String>, Void> {
    private final RedisConnection redis;
    private final Mode mode;
    private transient @Nullable Jedis jedis;
    private transient String scriptSha;
    private transient List<KV<String, String>> batch;

    WriteFn(RedisConnection redis, Mode mode) {
      this.redis = redis;
      this.mode = mode;
    }

    /** The open connection, or a new one (the first bundle's, or after an outage). */
    private Jedis connect() {
      if (jedis == null) {
        Jedis opened = redis.open();
        try {
          if (mode != Mode.SET) {
            scriptSha = opened.scriptLoad(script());
          }
        } catch (RuntimeException e) {
          opened.close();
          throw e;
        }
        jedis = opened;
      }
      return jedis;
    }

    private String script() {
      return mode == Mode.MAX ? MAX_SCRIPT : CountedOffsets.SCRIPT;
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
    public void finishBundle() throws InterruptedException {
      if (batch.isEmpty()) {
        return;
      }
      RedisOutage outage = RedisOutage.of(redis);
      while (true) {
        try {
          send(connect());
          batch.clear();
          return;
        } catch (JedisConnectionException e) {
          disconnect();
          outage.pauseAfter(e);
        } catch (JedisNoScriptException e) {
          // The server restarted and forgot the script: load it again and resend.
          scriptSha = connect().scriptLoad(script());
        }
      }
    }

    private void send(Jedis jedis) {
      Pipeline pipeline = jedis.pipelined();
      for (KV<String, String> kv : batch) {
        if (mode == Mode.MAX) {
          pipeline.evalsha(scriptSha, List.of(kv.getKey()), List.of(kv.getValue()));
        } else if (mode == Mode.OFFSET_GUARDED_COUNT) {
          pipeline.evalsha(
              scriptSha,
              List.of(kv.getKey(), CountedOffsets.hashOf(kv.getKey())),
              CountedOffsets.scriptArguments(kv.getValue()));
        } else {
          pipeline.set(kv.getKey(), kv.getValue());
        }
      }
      for (Object reply : pipeline.syncAndReturnAll()) {
        if (reply instanceof JedisNoScriptException) {
          throw (JedisNoScriptException) reply;
        }
        if (reply instanceof Exception) {
          // Failing the bundle makes the runner retry it; every mode makes the retry harmless.
          throw new IllegalStateException(
              "Redis rejected a write to " + redis + ": " + ((Exception) reply).getMessage(), (Exception) reply);
        }
      }
    }

    private void disconnect() {
      RedisConnection.closeQuietly(jedis);
      jedis = null;
    }

    @Teardown
    public void teardown() {
      disconnect();
    }
  }
}
