package dev.beamkit.localstack;

import static dev.beamkit.localstack.Cleanup.closeAfterFailure;

import java.nio.file.Path;
import java.util.Map;

/**
 * A Kafka broker and a Redis server that want what production ones want: Kafka with a SASL_SSL
 * listener (SCRAM-SHA-512 user {@link #USER}), Redis with a password on its default user, an ACL
 * user {@link #USER} and a TLS port; both present a certificate for 127.0.0.1 and localhost
 * signed by a CA made at start. Passwords are new random ones each start.
 *
 * <p>{@link #kafkaClientProperties()} is a ready {@code client.properties} for the SASL_SSL
 * listener; Redis clients use {@link #redisTlsUri()} with {@link #redisPassword()} and trust
 * {@link TlsFiles#caCertificate()}.
 */
public final class SecuredStack implements AutoCloseable {
  /** The Kafka SCRAM user and the Redis ACL user. */
  public static final String USER = "beamkit";

  private final Path dir;
  private final TlsFiles tls;
  private final KafkaBroker kafka;
  private final RedisServer redis;
  private final String kafkaPassword;
  private final String redisPassword;
  private final String redisDefaultPassword;
  private final Path kafkaClientProperties;

  private SecuredStack(
      Path dir, TlsFiles tls, KafkaBroker kafka, RedisServer redis,
      String kafkaPassword, String redisPassword, String redisDefaultPassword) {
    this.dir = dir;
    this.tls = tls;
    this.kafka = kafka;
    this.redis = redis;
    this.kafkaPassword = kafkaPassword;
    this.redisPassword = redisPassword;
    this.redisDefaultPassword = redisDefaultPassword;
    this.kafkaClientProperties =
        SecretFiles.writeKafkaClientProperties(
            dir.resolve("client.properties"), kafka.saslSslBootstrapServers(), USER, kafkaPassword, tls);
  }

  /** Starts both servers with temporary directories, deleted by {@link #close()}. */
  public static SecuredStack start() {
    Path dir = Directories.createTemp("beamkit-secured-");
    try {
      TlsFiles tls = TlsFiles.create(dir.resolve("tls"), TlsFiles.LOOPBACK);
      String kafkaPassword = SecretFiles.newPassword();
      String redisPassword = SecretFiles.newPassword();
      String redisDefaultPassword = SecretFiles.newPassword();
      RedisServer redis =
          RedisServer.builder().tls(tls).user("default", redisDefaultPassword).user(USER, redisPassword).start();
      try {
        KafkaBroker kafka = KafkaBroker.builder().saslSsl(tls, Map.of(USER, kafkaPassword)).start();
        return new SecuredStack(dir, tls, kafka, redis, kafkaPassword, redisPassword, redisDefaultPassword);
      } catch (RuntimeException e) {
        closeAfterFailure(redis, e);
        throw e;
      }
    } catch (RuntimeException e) {
      Directories.deleteRecursively(dir);
      throw e;
    }
  }

  /** The CA and server certificate both servers present. */
  public TlsFiles tls() {
    return tls;
  }

  public KafkaBroker kafka() {
    return kafka;
  }

  public RedisServer redis() {
    return redis;
  }

  /** A {@code client.properties} for {@link #USER} on the SASL_SSL listener (password included). */
  public Path kafkaClientProperties() {
    return kafkaClientProperties;
  }

  /** {@link #USER}'s Kafka password. */
  public String kafkaPassword() {
    return kafkaPassword;
  }

  /** {@link #USER}'s Redis password. */
  public String redisPassword() {
    return redisPassword;
  }

  /** The password of Redis's default user. */
  public String redisDefaultPassword() {
    return redisDefaultPassword;
  }

  /** {@code rediss://beamkit:@127.0.0.1:<tls port>/0}: the TLS port as {@link #USER}, no password. */
  public String redisTlsUri() {
    return redis.tlsUri().replace("rediss://", "rediss://" + USER + ":@") + "/0";
  }

  /** A directory that {@link #close()} deletes, for files a test writes (secrets among them). */
  public Path scratch() {
    return Directories.create(dir.resolve("scratch"));
  }

  /**
   * Deletes the directory of certificates, keys and secret files first (the servers read theirs
   * at start), so that a JVM killed while the servers stop leaves no secret behind; then stops
   * both servers.
   */
  @Override
  public void close() {
    Directories.deleteRecursively(dir);
    try {
      kafka.close();
    } finally {
      redis.close();
    }
  }
}
