package dev.beamkit.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;

/** Facts about cluster processes that tests assert on and report. */
final class ProcessStats {

  private ProcessStats() {}

  /** Resident set size of {@code pid} in MiB, from /proc (Linux). */
  static long rssMiB(long pid) {
    try {
      for (String line : Files.readAllLines(Path.of("/proc", Long.toString(pid), "status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", "")) / 1024;
        }
      }
      throw new IllegalStateException("no VmRSS for pid " + pid);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether {@code pid} is gone (or a zombie nobody waited for yet). */
  static boolean isGone(long pid) {
    return ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true);
  }

  /** Whether a server socket can bind {@code port} on 127.0.0.1 right now. */
  static boolean canBind(int port) {
    try (ServerSocket socket = new ServerSocket()) {
      socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), port));
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  /** A line for the surefire output that the report quotes. */
  static void report(String what, java.time.Duration startup, long pid) {
    System.out.printf(
        "[measure] %s: started in %.1f s, pid %d, RSS %d MiB%n",
        what, startup.toMillis() / 1000.0, pid, rssMiB(pid));
  }
}
