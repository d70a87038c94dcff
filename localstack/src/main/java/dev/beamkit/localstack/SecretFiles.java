package dev.beamkit.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.HexFormat;

/** Passwords for the secured servers, and the owner-only files clients read them from. */
public final class SecretFiles {
  private SecretFiles() {}

  /** A new random password: 24 hex digits. */
  public static String newPassword() {
    return HexFormat.of().formatHex(new SecureRandom().generateSeed(12));
  }

  /** Writes {@code text} to {@code file}, readable and writable by its owner only. */
  public static Path writePrivate(Path file, String text) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      Files.deleteIfExists(file);
      Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      return Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }

  /**
   * Writes a Kafka {@code client.properties} for a SCRAM-SHA-512 user of a SASL_SSL listener, as
   * {@code kafka-console-consumer --consumer.config} and beamkit's {@code --kafkaProperties} read
   * it, and returns its path.
   */
  public static Path writeKafkaClientProperties(
      Path file, String bootstrapServers, String user, String password, TlsFiles tls) {
    return writePrivate(
        file,
        "bootstrap.servers=" + bootstrapServers + "\n"
            + "security.protocol=SASL_SSL\n"
            + "sasl.mechanism=" + KafkaServerConfig.SCRAM + "\n"
            + "sasl.jaas.config=org.apache.kafka.common.security.scram.ScramLoginModule required"
            + " username=\"" + user + "\" password=\"" + password + "\";\n"
            + "ssl.truststore.type=PEM\n"
            + "ssl.truststore.location=" + tls.caCertificate() + "\n");
  }

  /**
   * Writes the same settings as librdkafka names them, for {@code kcat -F}, which refuses Java's
   * {@code sasl.jaas.config}, and returns its path.
   */
  public static Path writeKcatConfig(
      Path file, String bootstrapServers, String user, String password, TlsFiles tls) {
    return writePrivate(
        file,
        "bootstrap.servers=" + bootstrapServers + "\n"
            + "security.protocol=SASL_SSL\n"
            + "sasl.mechanisms=" + KafkaServerConfig.SCRAM + "\n"
            + "sasl.username=" + user + "\n"
            + "sasl.password=" + password + "\n"
            + "ssl.ca.location=" + tls.caCertificate() + "\n");
  }
}
