package dev.beamkit.conformance;

import dev.beamkit.localstack.SecretFiles;
import dev.beamkit.localstack.SecuredStack;
import dev.beamkit.pipelines.redis.RedisConnection;
import dev.beamkit.pipelines.redis.RedisUri;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import redis.clients.jedis.Jedis;

/**
 * One {@link SecuredStack} for the test JVM (stopped when it ends), and the files a pipeline is
 * pointed at it with, secrets by reference only: a Kafka client.properties whose JAAS password is
 * {@code ${file:secrets.properties:kafka.password}}, and a Redis password file.
 */
final class SecuredServers {
  private static SecuredServers shared;

  private final SecuredStack stack;
  private final Path kafkaProperties;
  private final Path redisPasswordFile;

  private SecuredServers(SecuredStack stack) {
    this.stack = stack;
    Path dir = stack.scratch();
    Path secrets = SecretFiles.writePrivate(dir.resolve("secrets.properties"), "kafka.password=" + stack.kafkaPassword() + "\n");
    this.kafkaProperties =
        kafkaProperties(
            dir.resolve("kafka.properties"),
            stack.kafka().saslSslBootstrapServers(),
            "${file:" + secrets + ":kafka.password}",
            stack.tls().caCertificate());
    this.redisPasswordFile = SecretFiles.writePrivate(dir.resolve("redis-password"), stack.redisPassword());
  }

  static synchronized SecuredServers get() {
    if (shared == null) {
      shared = new SecuredServers(SecuredStack.start());
      Runtime.getRuntime().addShutdownHook(new Thread(shared.stack::close));
    }
    return shared;
  }

  SecuredStack stack() {
    return stack;
  }

  /**
   * A client.properties for the SASL_SSL listener {@code bootstrap} as {@link SecuredStack#USER}
   * with {@code password} (a value or a {@code ${...}} reference) and {@code trust} as the PEM
   * trust store.
   */
  static Path kafkaProperties(Path file, String bootstrap, String password, Path trust) {
    return SecretFiles.writePrivate(
        file,
        "bootstrap.servers=" + bootstrap + "\n"
            + "config.providers=file,env\n"
            + "config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider\n"
            + "config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider\n"
            + "security.protocol=SASL_SSL\n"
            + "sasl.mechanism=SCRAM-SHA-512\n"
            + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"" + SecuredStack.USER + "\" password=\"" + password + "\";\n"
            + "ssl.truststore.type=PEM\n"
            + "ssl.truststore.location=" + trust + "\n");
  }

  /** Where {@link #securedOptions} put the Kafka settings. */
  Path kafkaProperties() {
    return kafkaProperties;
  }

  Path redisPasswordFile() {
    return redisPasswordFile;
  }

  /**
   * The pipeline options for SASL_SSL Kafka and ACL + TLS Redis, with {@code more} added or, for
   * an option of the same name, instead (Beam refuses an option given twice).
   */
  String[] securedOptions(String... more) {
    Map<String, String> options = new LinkedHashMap<>();
    for (String option :
        List.of(
            "--bootstrapServers=" + stack.kafka().saslSslBootstrapServers(),
            "--kafkaProperties=" + kafkaProperties,
            "--redisUri=" + stack.redisTlsUri(),
            "--redisPasswordFile=" + redisPasswordFile,
            "--redisCaCert=" + stack.tls().caCertificate())) {
      options.put(option.substring(0, option.indexOf('=')), option);
    }
    for (String option : more) {
      options.put(option.substring(0, option.indexOf('=')), option);
    }
    return options.values().toArray(new String[0]);
  }

  /** The Redis keys starting with {@code prefix} and their values, read over TLS as the ACL user. */
  Map<String, String> redisValues(String prefix) {
    Map<String, String> found = new TreeMap<>();
    RedisConnection redis =
        RedisConnection.to(RedisUri.parse(stack.redisTlsUri()))
            .withPasswordFile(redisPasswordFile.toString())
            .withCaCert(stack.tls().caCertificate().toString());
    try (Jedis jedis = redis.open()) {
      for (String key : jedis.keys(prefix + "*")) {
        found.put(key.substring(prefix.length()), jedis.get(key));
      }
    }
    return found;
  }
}
