package dev.beamkit.clusters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Loopback TCP ports for the cluster daemons. */
final class FreePorts {

  private FreePorts() {}

  /**
   * Returns a port that was free on 127.0.0.1 a moment ago. Another process may take it before the
   * daemon binds it; the daemon then fails to start and says so in its log.
   */
  static int pick() {
    try (ServerSocket socket = new ServerSocket()) {
      socket.setReuseAddress(false);
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException("no free loopback port", e);
    }
  }

  /** Returns {@code port} unless it is 0, which asks for a free one. */
  static int orFree(int port) {
    return port == 0 ? pick() : port;
  }
}
