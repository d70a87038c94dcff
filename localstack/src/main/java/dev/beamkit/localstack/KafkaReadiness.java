package dev.beamkit.localstack;

import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/**
 * Waits until a starting broker serves clients: first its port accepts connections (so the
 * AdminClient does not log a warning per refused connection), then describeCluster lists it.
 */
final class KafkaReadiness {

  private static final String WHAT = "the Kafka broker";

  private KafkaReadiness() {}

  /**
   * Returns when the broker listening on {@code port} is ready.
   *
   * @throws ServerStartException if the process exits or {@code deadline} passes; the message
   *     ends with the tail of {@code log}
   */
  static void await(Process process, int port, Instant deadline, Path log) {
    Readiness.await(
        WHAT,
        process,
        log,
        deadline,
        () -> {
          if (!FreePorts.isListening(port)) {
            throw new IllegalStateException("port " + port + " does not accept connections");
          }
        });
    try (Admin admin =
        Admin.create(
            Map.of(
                AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + port,
                AdminClientConfig.CLIENT_ID_CONFIG, "beamkit-localstack-readiness"))) {
      Readiness.await(WHAT, process, log, deadline, () -> listsABroker(admin));
    }
  }

  private static void listsABroker(Admin admin) throws Exception {
    if (admin
        .describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
        .nodes()
        .get(3, TimeUnit.SECONDS)
        .isEmpty()) {
      throw new IllegalStateException("describeCluster lists no broker");
    }
  }
}
