package dev.beamkit.localstack;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/** A minimal Redis client for tests: sends a command as a RESP array and reads one reply. */
final class Resp implements AutoCloseable {

  private final Socket socket;
  private final OutputStream out;
  private final InputStream in;

  Resp(int port) throws IOException {
    this(new Socket("127.0.0.1", port));
  }

  /** Talks over {@code socket}, e.g. a TLS one. */
  Resp(Socket socket) throws IOException {
    this.socket = socket;
    socket.setSoTimeout(5_000);
    out = socket.getOutputStream();
    in = new BufferedInputStream(socket.getInputStream());
  }

  /**
   * Sends {@code args} and returns the reply: a simple string or error as its text with the
   * leading type character, a bulk string as its content, a nil bulk string as null, an array as
   * its elements joined by newlines.
   */
  String call(String... args) throws IOException {
    StringBuilder command = new StringBuilder("*").append(args.length).append("\r\n");
    for (String arg : args) {
      byte[] bytes = arg.getBytes(StandardCharsets.UTF_8);
      command.append('$').append(bytes.length).append("\r\n").append(arg).append("\r\n");
    }
    out.write(command.toString().getBytes(StandardCharsets.UTF_8));
    out.flush();
    return readReply();
  }

  private String readReply() throws IOException {
    String line = readLine();
    if (line.startsWith("*")) {
      int count = Integer.parseInt(line.substring(1));
      StringBuilder elements = new StringBuilder();
      for (int i = 0; i < count; i++) {
        elements.append(i == 0 ? "" : "\n").append(readReply());
      }
      return elements.toString();
    }
    if (line.startsWith("$")) {
      int length = Integer.parseInt(line.substring(1));
      if (length < 0) {
        return null;
      }
      byte[] body = in.readNBytes(length);
      readLine();
      return new String(body, StandardCharsets.UTF_8);
    }
    return line;
  }

  private String readLine() throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    while ((b = in.read()) != '\n') {
      if (b < 0) {
        throw new IOException("connection closed");
      }
      if (b != '\r') {
        line.write(b);
      }
    }
    return line.toString(StandardCharsets.UTF_8);
  }

  @Override
  public void close() throws IOException {
    socket.close();
  }
}
