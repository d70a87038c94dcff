package dev.beamkit.pipelines;

import dev.beamkit.pipelines.kafka.KafkaPreflight;
import dev.beamkit.pipelines.options.OptionError;
import dev.beamkit.pipelines.options.Redaction;
import dev.beamkit.pipelines.options.Settings;
import dev.beamkit.pipelines.options.Sink;
import dev.beamkit.pipelines.redis.RedisConnection;
import java.net.ConnectException;
import java.net.SocketTimeoutException;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * Logs in to Kafka (and to Redis when results go there) with the pipeline's own settings before
 * the job is handed to a runner. A wrong password, an untrusted or wrongly named certificate or a
 * wrong address then stops the launch within seconds with one line naming the server and what
 * failed, where a runner would retry the job (Flink restarts it forever once checkpointing is on)
 * and bury the cause in a stack trace.
 */
public final class ConnectionCheck {
  /** A server that refused the pipeline's settings; the message is the one line to show. */
  public static final class Failure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Failure(String server, Throwable cause) {
      super(Redaction.hidePasswords(server + ": " + describe(cause)));
    }
  }

  private ConnectionCheck() {}

  /**
   * Returns when every server the job uses accepted its settings and the topics it needs are
   * there; throws {@link Failure} (a server refused) or {@link OptionError} (nothing answers at
   * the address, a topic is missing) if not.
   */
  static void verify(Settings settings) {
    try (KafkaPreflight kafka = KafkaPreflight.connect(settings)) {
      try {
        kafka.logIn();
      } catch (OptionError e) {
        throw e;
      } catch (RuntimeException e) {
        throw new Failure("Kafka " + kafka.servers(), e);
      }
      if (settings.sink() == Sink.REDIS) {
        redis(settings);
      }
      // Topics last, on the same client: a server that refuses the login is the first thing to say.
      kafka.checkTopics();
    }
  }

  /**
   * Logs in to Redis and PINGs it. No listener and no answer are mistakes in {@code --redisUri};
   * a refused password or certificate is the server's answer, shown as it gave it.
   */
  private static void redis(Settings settings) {
    RedisConnection redis = settings.redis();
    try (Jedis jedis = redis.open()) {
      jedis.ping();
    } catch (JedisConnectionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof ConnectException) {
        throw new OptionError("redisUri", redis.toString(), "nothing listens there (connection refused); check the address");
      }
      if (cause instanceof SocketTimeoutException) {
        // Jedis' own timeout, which the job's writer uses too: a server this slow could not take its writes either.
        throw new OptionError(
            "redisUri",
            redis.toString(),
            "no Redis answer within " + Protocol.DEFAULT_TIMEOUT / 1000 + " s (a frozen server, or another service at that address); check the address");
      }
      throw new Failure("--redisUri=" + redis, e);
    } catch (RuntimeException e) {
      throw new Failure("--redisUri=" + redis, e);
    }
  }

  /** The error and, when it adds something, its root cause, on one line. */
  private static String describe(Throwable error) {
    Throwable root = error;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String text = oneLine(error);
    return root == error || text.contains(oneLine(root)) ? text : text + ": " + oneLine(root);
  }

  private static String oneLine(Throwable t) {
    String message = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    return message.replaceAll("\\s*\\R\\s*", " ").strip();
  }
}
