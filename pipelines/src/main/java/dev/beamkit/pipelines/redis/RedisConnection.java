package dev.beamkit.pipelines.redis;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.net.ssl.SSLParameters;
import org.checkerframework.checker.nullness.qual.Nullable;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;

/**
 * How to reach and log in to a Redis server, with the password held by reference: a file ({@code
 * --redisPasswordFile}) or, as redis-cli does, the environment variable {@code REDISCLI_AUTH},
 * both read by {@link #open()} on the machine that runs the writer. Only a {@link RedisUri} built
 * by hand in code may carry a literal password; the launcher moves one given in {@code
 * --redisUri} into a private file before the job reaches a runner.
 *
 * <p>Over TLS ({@code rediss://}) the server's certificate must name the host (as HTTPS checks
 * it) and be signed by a CA the JVM trusts, or by the one in {@code --redisCaCert}.
 */
public final class RedisConnection implements Serializable {
  private static final long serialVersionUID = 1L;

  /** redis-cli's environment variable for the password. */
  public static final String PASSWORD_VARIABLE = "REDISCLI_AUTH";

  private final RedisUri uri;
  private final @Nullable String passwordFile;
  private final @Nullable String caCertFile;

  private RedisConnection(RedisUri uri, @Nullable String passwordFile, @Nullable String caCertFile) {
    this.uri = uri;
    this.passwordFile = passwordFile;
    this.caCertFile = caCertFile;
  }

  /** To {@code uri}, with the password in the URI or, failing that, in {@code REDISCLI_AUTH}. */
  public static RedisConnection to(RedisUri uri) {
    return new RedisConnection(uri, null, null);
  }

  /** The same, with the password read from {@code file} (null: none). */
  public RedisConnection withPasswordFile(@Nullable String file) {
    return new RedisConnection(uri, file, caCertFile);
  }

  /** The same, trusting the CA certificates of the PEM {@code file} (null: the JVM's) for TLS. */
  public RedisConnection withCaCert(@Nullable String file) {
    return new RedisConnection(uri, passwordFile, file);
  }

  public RedisUri uri() {
    return uri;
  }

  /**
   * Connects and logs in.
   *
   * @throws IllegalStateException naming the password file when it cannot be read
   */
  public Jedis open() {
    DefaultJedisClientConfig.Builder config =
        DefaultJedisClientConfig.builder().database(uri.database()).ssl(uri.tls());
    String password = password();
    if (password != null) {
      config.user(uri.user()).password(password);
    }
    if (uri.tls()) {
      // Jedis checks no host name unless asked: without this any trusted certificate would do.
      SSLParameters verifyHost = new SSLParameters();
      verifyHost.setEndpointIdentificationAlgorithm("HTTPS");
      config.sslParameters(verifyHost);
      if (caCertFile != null) {
        config.sslSocketFactory(PemTrust.socketFactory(Path.of(caCertFile)));
      }
    }
    return new Jedis(new HostAndPort(uri.host(), uri.port()), config.build());
  }

  private @Nullable String password() {
    if (uri.password() != null) {
      return uri.password();
    }
    if (passwordFile != null) {
      try {
        return Files.readString(Path.of(passwordFile), StandardCharsets.UTF_8).strip();
      } catch (IOException e) {
        throw new IllegalStateException("--redisPasswordFile=" + passwordFile + ": cannot read: " + e);
      }
    }
    return System.getenv(PASSWORD_VARIABLE);
  }

  /** The server and user, never the password. */
  @Override
  public String toString() {
    return uri.toString();
  }

  /** Closes {@code jedis}, if any, after an outage or at teardown: a broken connection is gone either way. */
  public static void closeQuietly(@Nullable Jedis jedis) {
    if (jedis != null) {
      try {
        jedis.close();
      } catch (RuntimeException alreadyBroken) {
        // Nothing left to close.
      }
    }
  }
}
