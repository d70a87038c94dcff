package dev.beamkit.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The files a single-node KRaft broker for tests is started with: {@code server.properties} and a
 * {@code log4j.properties} that sends the broker's logging to stdout (which goes to its log file).
 */
final class KafkaServerConfig {

  private static final int NODE_ID = 1;

  private KafkaServerConfig() {}

  /** The SCRAM mechanism of the SASL_SSL listener. */
  static final String SCRAM = "SCRAM-SHA-512";

  /**
   * Writes {@code server.properties} into {@code workDir} and returns its path. With {@code tls}
   * (else null) the broker also has a SASL_SSL listener on {@code saslSslPort} that logs clients
   * in with SCRAM-SHA-512 and presents the certificate of {@code tls}; the PLAINTEXT listener
   * stays for the broker's own traffic and the test harness. Unless {@code autoCreateTopics}, a
   * write to or a read of a topic that does not exist is refused, as production brokers do.
   */
  static Path writeServerProperties(
      Path workDir, Path dataDir, int port, int controllerPort, TlsFiles tls, int saslSslPort,
      boolean autoCreateTopics) {
    String listener = "PLAINTEXT://127.0.0.1:" + port;
    String controller = "CONTROLLER://127.0.0.1:" + controllerPort;
    String secured = tls == null ? "" : ",SASL_SSL://127.0.0.1:" + saslSslPort;
    Map<String, String> p = new LinkedHashMap<>();
    // One process is both broker and controller; a static voter set lets the storage be formatted
    // without --standalone.
    p.put("process.roles", "broker,controller");
    p.put("node.id", String.valueOf(NODE_ID));
    p.put("controller.quorum.voters", NODE_ID + "@127.0.0.1:" + controllerPort);
    p.put("listeners", listener + secured + "," + controller);
    p.put("advertised.listeners", listener + secured);
    p.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT,SASL_SSL:SASL_SSL");
    if (tls != null) {
      p.put("sasl.enabled.mechanisms", SCRAM);
      p.put("listener.name.sasl_ssl.scram-sha-512.sasl.jaas.config",
          "org.apache.kafka.common.security.scram.ScramLoginModule required;");
      p.put("ssl.keystore.type", "PKCS12");
      p.put("ssl.keystore.location", tls.keyStore().toString());
      p.put("ssl.keystore.password", tls.keyStorePassword());
      p.put("ssl.key.password", tls.keyStorePassword());
      p.put("ssl.client.auth", "none");
    }
    p.put("controller.listener.names", "CONTROLLER");
    p.put("inter.broker.listener.name", "PLAINTEXT");
    p.put("log.dirs", dataDir.toString());
    // One broker: every replication factor and ISR minimum is 1.
    p.put("default.replication.factor", "1");
    p.put("min.insync.replicas", "1");
    p.put("offsets.topic.replication.factor", "1");
    p.put("transaction.state.log.replication.factor", "1");
    p.put("transaction.state.log.min.isr", "1");
    // Few internal partitions: created on first use, each one costs start-up time.
    p.put("offsets.topic.num.partitions", "1");
    p.put("transaction.state.log.num.partitions", "1");
    p.put("num.partitions", "1");
    p.put("auto.create.topics.enable", String.valueOf(autoCreateTopics));
    p.put("group.initial.rebalance.delay.ms", "0");
    // Small files for a short-lived broker. No time-based retention: tests replay records whose
    // timestamps lie years in the past, and time retention would delete them on arrival.
    p.put("log.segment.bytes", String.valueOf(16 * 1024 * 1024));
    p.put("log.index.size.max.bytes", String.valueOf(1024 * 1024));
    p.put("log.retention.ms", "-1");
    p.put("log.retention.bytes", String.valueOf(256L * 1024 * 1024));
    p.put("log.cleaner.dedupe.buffer.size", String.valueOf(8 * 1024 * 1024));
    // Sized for a laptop or a 2-core CI machine, not for throughput.
    p.put("num.network.threads", "2");
    p.put("num.io.threads", "2");
    p.put("background.threads", "2");
    return write(workDir.resolve("server.properties"), p);
  }

  /** Writes a {@code log4j.properties} that logs INFO to stdout and returns its path. */
  static Path writeLog4jProperties(Path workDir) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("log4j.rootLogger", "INFO, stdout");
    p.put("log4j.appender.stdout", "org.apache.log4j.ConsoleAppender");
    p.put("log4j.appender.stdout.layout", "org.apache.log4j.PatternLayout");
    p.put("log4j.appender.stdout.layout.ConversionPattern", "[%d] %p %m (%c)%n");
    return write(workDir.resolve("log4j.properties"), p);
  }

  private static Path write(Path file, Map<String, String> properties) {
    StringBuilder text = new StringBuilder();
    properties.forEach(
        (key, value) -> text.append(key).append('=').append(value.replace("\\", "\\\\")).append('\n'));
    try {
      return Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("could not write " + file, e);
    }
  }
}
