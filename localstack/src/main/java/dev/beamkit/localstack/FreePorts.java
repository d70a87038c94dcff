package dev.beamkit.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Picks loopback ports that are free right now, for servers that must be told their port. */
final class FreePorts {

  private FreePorts() {}

  /**
   * Returns {@code count} distinct free ports on 127.0.0.1. All sockets are held open until every
   * port is chosen, so the same port cannot be handed out twice by one call.
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

  /** Returns {@code requested} when it names a port, or a free port when it is 0. */
  static int orFree(int requested) {
    return requested != 0 ? requested : pick(1)[0];
  }
}
