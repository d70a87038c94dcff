package dev.beamkit.localstack;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.common.Node;

/**
 * Waits until a starting broker serves clients: first its port accepts connections (so the
 * AdminClient does not log a warning per refused connection), then describeCluster lists it.
 */
final class KafkaReadiness {

  private static final Duration POLL = Duration.ofMillis(100);

  private KafkaReadiness() {}

  /**
   * Returns when the broker at {@code bootstrapServers} is ready.
   *
   * @throws IllegalStateException if the process exits or {@code deadline} passes; the message
   *     ends with the tail of {@code log}
   */
  static void await(Process process, String bootstrapServers, Instant deadline, Path log) {
    String[] hostPort = bootstrapServers.split(":");
    InetSocketAddress address =
        new InetSocketAddress(hostPort[0], Integer.parseInt(hostPort[1]));
    try {
      while (!accepts(address)) {
        check(process, deadline, log);
        Thread.sleep(POLL.toMillis());
      }
      try (Admin admin = Admin.create(Map.of(
          AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
          AdminClientConfig.CLIENT_ID_CONFIG, "beamkit-localstack-readiness"))) {
        while (!listsABroker(admin)) {
          check(process, deadline, log);
          Thread.sleep(POLL.toMillis());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the Kafka broker", e);
    }
  }

  private static void check(Process process, Instant deadline, Path log) {
    if (!process.isAlive()) {
      throw new IllegalStateException(
          LogTail.explain("the Kafka broker exited with code " + process.exitValue(), log));
    }
    if (Instant.now().isAfter(deadline)) {
      throw new IllegalStateException(
          LogTail.explain("the Kafka broker was not ready in time", log));
    }
  }

  private static boolean accepts(InetSocketAddress address) {
    try (Socket socket = new Socket()) {
      socket.connect(address, 500);
      return true;
    } catch (IOException notYet) {
      return false;
    }
  }

  private static boolean listsABroker(Admin admin) throws InterruptedException {
    try {
      Collection<Node> nodes =
          admin
              .describeCluster(new DescribeClusterOptions().timeoutMs(2_000))
              .nodes()
              .get(3, TimeUnit.SECONDS);
      return !nodes.isEmpty();
    } catch (ExecutionException | TimeoutException notYet) {
      return false;
    }
  }
}
