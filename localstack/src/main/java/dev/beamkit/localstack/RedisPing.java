package dev.beamkit.localstack;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * Sends one PING over the Redis protocol (RESP) and checks for {@code +PONG}, or for the {@code
 * -NOAUTH} of a server that wants a password first: either way the server is up.
 */
final class RedisPing {

  private RedisPing() {}

  /** Whether a Redis server on 127.0.0.1:{@code port} answers PING right now. */
  static boolean pong(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      socket.setSoTimeout(1_000);
      OutputStream out = socket.getOutputStream();
      out.write("*1\r\n$4\r\nPING\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String reply = new String(in.readNBytes(7), StandardCharsets.US_ASCII);
      return reply.equals("+PONG\r\n") || reply.startsWith("-NOAUTH");
    } catch (IOException notYet) {
      return false;
    }
  }
}
