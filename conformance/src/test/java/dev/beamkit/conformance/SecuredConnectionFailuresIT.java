package dev.beamkit.conformance;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamkit.localstack.KafkaBroker;
import dev.beamkit.localstack.RedisServer;
import dev.beamkit.localstack.SecretFiles;
import dev.beamkit.localstack.SecuredStack;
import dev.beamkit.localstack.TlsFiles;
import dev.beamkit.pipelines.BeamkitPipeline;
import dev.beamkit.pipelines.ConnectionCheck;
import dev.beamkit.pipelines.PipelineLauncher;
import dev.beamkit.pipelines.events.EventCounts;
import dev.beamkit.pipelines.sensors.SensorDownsample;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What a user sees when the secured servers refuse a pipeline: the launch stops within 15 s with
 * one line naming the server and the failure (wrong password, untrusted certificate, certificate
 * for another host: host names are checked), and never a password.
 */
class SecuredConnectionFailuresIT {
  private static final Duration FAST = Duration.ofSeconds(15);

  private final SecuredServers secured = SecuredServers.get();
  private final SecuredStack stack = secured.stack();

  /** Launches {@code job} on Direct with the secured options and {@code more}; returns the error line. */
  private String refusal(BeamkitPipeline<?, ?> job, String... more) {
    long started = System.nanoTime();
    ConnectionCheck.Failure failure =
        assertThrows(
            ConnectionCheck.Failure.class,
            () -> PipelineLauncher.launch(job, RunnerTarget.DIRECT.args(secured.securedOptions(more))));
    Duration took = Duration.ofNanos(System.nanoTime() - started);
    String line = failure.getMessage();
    assertTrue(took.compareTo(FAST) <= 0, "took " + took + ": " + line);
    assertFalse(line.contains("\n"), line);
    for (String secret : List.of(stack.kafkaPassword(), stack.redisPassword(), stack.redisDefaultPassword())) {
      assertFalse(line.contains(secret), line);
    }
    return line;
  }

  private Path kafkaProperties(String name, String password, Path trust) {
    return SecuredServers.kafkaProperties(
        stack.scratch().resolve(name), stack.kafka().saslSslBootstrapServers(), password, trust);
  }

  @Test
  void aWrongKafkaPasswordIsOneLine() {
    String line = refusal(new SensorDownsample(), "--kafkaProperties=" + kafkaProperties("wrong.properties", "wrong", stack.tls().caCertificate()));
    assertTrue(line.startsWith("Kafka " + stack.kafka().saslSslBootstrapServers() + ": "), line);
    assertTrue(line.contains("invalid credentials with SASL mechanism SCRAM-SHA-512"), line);
  }

  @Test
  void anUntrustedKafkaCertificateIsOneLine() {
    TlsFiles otherCa = TlsFiles.create(stack.scratch().resolve("other-ca"), TlsFiles.LOOPBACK);
    String line = refusal(new SensorDownsample(), "--kafkaProperties=" + kafkaProperties("untrusted.properties", stack.kafkaPassword(), otherCa.caCertificate()));
    assertTrue(line.startsWith("Kafka " + stack.kafka().saslSslBootstrapServers() + ": SSL handshake failed"), line);
  }

  @Test
  void aWrongRedisPasswordIsOneLine() {
    Path wrong = SecretFiles.writePrivate(stack.scratch().resolve("wrong-redis-password"), "wrong");
    String line = refusal(new EventCounts(), "--redisPasswordFile=" + wrong);
    assertTrue(line.startsWith("--redisUri=rediss://beamkit:@127.0.0.1:"), line);
    assertTrue(line.contains("WRONGPASS"), line);
  }

  @Test
  void anUntrustedRedisCertificateIsOneLine() {
    TlsFiles otherCa = TlsFiles.create(stack.scratch().resolve("other-redis-ca"), TlsFiles.LOOPBACK);
    String line = refusal(new EventCounts(), "--redisCaCert=" + otherCa.caCertificate());
    assertTrue(line.startsWith("--redisUri=rediss://beamkit:@127.0.0.1:"), line);
    assertTrue(line.contains("PKIX path building failed"), line);
  }

  /** Both servers below present a certificate from the trusted CA, made for another host. */
  @Test
  void aCertificateForAnotherHostIsRefusedByKafkaAndRedisClients() {
    TlsFiles otherHost = TlsFiles.create(stack.scratch().resolve("other-host"), List.of("other.example"));
    try (RedisServer redis = RedisServer.builder().tls(otherHost).user(SecuredStack.USER, stack.redisPassword()).start();
        KafkaBroker kafka = KafkaBroker.builder().saslSsl(otherHost, Map.of(SecuredStack.USER, stack.kafkaPassword())).start()) {
      String redisUri = redis.tlsUri().replace("rediss://", "rediss://" + SecuredStack.USER + ":@");
      String redisLine =
          refusal(new EventCounts(), "--redisUri=" + redisUri, "--redisCaCert=" + otherHost.caCertificate());
      assertTrue(redisLine.contains("No subject alternative names matching IP address 127.0.0.1"), redisLine);

      String kafkaLine =
          refusal(
              new SensorDownsample(),
              "--kafkaProperties="
                  + SecuredServers.kafkaProperties(
                      stack.scratch().resolve("other-host.properties"),
                      kafka.saslSslBootstrapServers(),
                      stack.kafkaPassword(),
                      otherHost.caCertificate()),
              "--bootstrapServers=" + kafka.saslSslBootstrapServers());
      assertTrue(kafkaLine.contains("SSL handshake failed"), kafkaLine);
      assertTrue(kafkaLine.contains("No subject alternative names matching IP address 127.0.0.1"), kafkaLine);
    }
  }
}
