package dev.beamkit.localstack;

import static dev.beamkit.localstack.Cleanup.closeAfterFailure;

/**
 * A Kafka broker and a Redis server together, both on 127.0.0.1, for integration tests and local
 * runs of the pipelines.
 *
 * <p>Each server registers a JVM shutdown hook, so Ctrl-C, {@code System.exit} or a test JVM that
 * ends without closing the stack still stops both processes.
 *
 * <pre>{@code
 * LocalStack stack = LocalStack.shared();   // one broker and one Redis for the whole test JVM
 * stack.kafka().createTopic("raw-temp-data", 3);
 * options.setBootstrapServers(stack.bootstrapServers());
 * options.setRedisUri(stack.redisUri());
 * }</pre>
 */
public final class LocalStack implements AutoCloseable {

  private static LocalStack shared;

  private final KafkaBroker kafka;
  private final RedisServer redis;
  private final boolean isShared;

  private LocalStack(KafkaBroker kafka, RedisServer redis, boolean isShared) {
    this.kafka = kafka;
    this.redis = redis;
    this.isShared = isShared;
  }

  /** Starts a broker and a Redis server on free random ports with temporary directories. */
  public static LocalStack start() {
    return start(0, 0);
  }

  /**
   * Starts a broker and a Redis server on the given ports (0 picks a free one) with temporary
   * directories.
   *
   * @throws IllegalStateException if either server does not start; the other one is stopped
   */
  public static LocalStack start(int kafkaPort, int redisPort) {
    return start(kafkaPort, redisPort, false);
  }

  private static LocalStack start(int kafkaPort, int redisPort, boolean isShared) {
    RedisServer redis = RedisServer.builder().port(redisPort).start();
    try {
      return new LocalStack(KafkaBroker.builder().port(kafkaPort).start(), redis, isShared);
    } catch (RuntimeException e) {
      closeAfterFailure(redis, e);
      throw e;
    }
  }

  /**
   * The stack shared by everything in this JVM, started on first call. Test suites use it so the
   * whole test JVM pays for one broker and one Redis. Its {@link #close()} does nothing; the JVM's
   * shutdown hooks stop it. Tests that share it should use their own topic names and key prefixes.
   */
  public static synchronized LocalStack shared() {
    if (shared == null) {
      shared = start(0, 0, true);
    }
    return shared;
  }

  /** The Kafka broker. */
  public KafkaBroker kafka() {
    return kafka;
  }

  /** The Redis server. */
  public RedisServer redis() {
    return redis;
  }

  /** Shorthand for {@code kafka().bootstrapServers()}. */
  public String bootstrapServers() {
    return kafka.bootstrapServers();
  }

  /** Shorthand for {@code redis().uri()}. */
  public String redisUri() {
    return redis.uri();
  }

  /**
   * Stops both servers and deletes their temporary directories; does nothing for the {@link
   * #shared()} stack, which lives as long as the JVM.
   */
  @Override
  public void close() {
    if (isShared) {
      return;
    }
    try {
      kafka.close();
    } finally {
      redis.close();
    }
  }
}
