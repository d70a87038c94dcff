package dev.beamkit.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.ArrayList;
import java.util.List;

/**
 * Loopback ports: free ones for servers that must be told their port, and whether a server
 * listens on one.
 */
final class FreePorts {

  private FreePorts() {}

  /**
   * Returns {@code count} distinct ports that were free on 127.0.0.1 a moment ago. All sockets
   * are held open until every port is chosen, so one call cannot hand out a port twice. Another
   * process may still take a port before the server binds it; the server then fails to start and
   * says so in its log.
   */
  static int[] pick(int count) {
    List<ServerSocket> held = new ArrayList<>();
    try {
      int[] ports = new int[count];
      for (int i = 0; i < count; i++) {
        ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        held.add(socket);
        ports[i] = socket.getLocalPort();
      }
      return ports;
    } catch (IOException e) {
      throw new UncheckedIOException("could not find a free port on 127.0.0.1", e);
    } finally {
      for (ServerSocket socket : held) {
        try {
          socket.close();
        } catch (IOException ignored) {
          // Closing a listening socket that never accepted anything does not fail in practice.
        }
      }
    }
  }

  /** Returns {@code requested} when it names a port, or {@code free} when it is 0. */
  static int orFree(int requested, int free) {
    return requested != 0 ? requested : free;
  }

  /** Whether something on 127.0.0.1 accepts a TCP connection on {@code port} right now. */
  static boolean isListening(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 500);
      return true;
    } catch (IOException notListening) {
      return false;
    }
  }
}
