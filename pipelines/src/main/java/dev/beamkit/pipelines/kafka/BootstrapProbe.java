package dev.beamkit.pipelines.kafka;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.time.Duration;
import org.apache.kafka.common.utils.Utils;

/**
 * Whether anything listens at the bootstrap servers, asked with a plain TCP connect before the
 * Kafka client is. A refused connection is a final answer the Kafka client does not pass on: it
 * retries until its timeout, so a launch at a wrong port would wait the whole preflight patience
 * for what the operating system said at once.
 */
final class BootstrapProbe {
  /** Long enough for any live listener to accept; one that takes longer is left to the Kafka client. */
  private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(1);

  private BootstrapProbe() {}

  /**
   * Whether every address of {@code servers} ({@code host:port,...}) refused the connection. An
   * address that accepts, cannot be parsed or resolved, or does not answer in time ends the probe
   * with false: the Kafka client then asks, and says what it finds.
   */
  static boolean allRefuse(String servers) {
    for (String server : servers.split(",")) {
      String host = Utils.getHost(server.trim());
      Integer port = Utils.getPort(server.trim());
      if (host == null || port == null) {
        return false;
      }
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(host, port), (int) CONNECT_TIMEOUT.toMillis());
        return false;
      } catch (ConnectException refused) {
        // Nothing listens there; ask the next one.
      } catch (IOException | IllegalArgumentException other) {
        return false;
      }
    }
    return true;
  }
}
