package dev.beamkit.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The TCP sockets in LISTEN state that given processes own, read from Linux's {@code
 * /proc/net/tcp}, {@code /proc/net/tcp6} and each process's {@code /proc/<pid>/fd}.
 */
final class ListeningSockets {
  /** {@code st} of a listening socket in /proc/net/tcp. */
  private static final String LISTEN = "0A";

  /** One listening socket: its address as /proc shows it, decoded, and whether it is loopback. */
  record Socket(long pid, String address, int port, boolean loopback) {
    @Override
    public String toString() {
      return "pid " + pid + " " + address + ":" + port;
    }
  }

  private ListeningSockets() {}

  /** The listening sockets of {@code pids}. */
  static List<Socket> of(Set<Long> pids) {
    List<Socket> found = new ArrayList<>();
    List<String[]> listening = new ArrayList<>();
    for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
      for (String line : lines(Path.of(table))) {
        String[] f = line.trim().split("\\s+");
        if (f.length > 9 && f[3].equals(LISTEN)) {
          listening.add(f);
        }
      }
    }
    for (long pid : pids) {
      Set<String> inodes = socketInodes(pid);
      for (String[] f : listening) {
        if (inodes.contains(f[9])) {
          String[] hostPort = f[1].split(":");
          byte[] ip = decode(hostPort[0]);
          found.add(new Socket(pid, text(ip), Integer.parseInt(hostPort[1], 16), isLoopback(ip)));
        }
      }
    }
    return found;
  }

  /** {@code pid} and the pids of all its descendants. */
  static Set<Long> withDescendants(long pid) {
    Set<Long> pids = new HashSet<>();
    pids.add(pid);
    ProcessHandle.of(pid).ifPresent(p -> p.descendants().forEach(d -> pids.add(d.pid())));
    return pids;
  }

  private static Set<String> socketInodes(long pid) {
    Set<String> inodes = new HashSet<>();
    try (DirectoryStream<Path> fds = Files.newDirectoryStream(Path.of("/proc", Long.toString(pid), "fd"))) {
      for (Path fd : fds) {
        try {
          String target = Files.readSymbolicLink(fd).toString();
          if (target.startsWith("socket:[")) {
            inodes.add(target.substring(8, target.length() - 1));
          }
        } catch (IOException closedMeanwhile) {
          // The descriptor was closed while we listed them.
        }
      }
    } catch (IOException gone) {
      // The process has ended: it listens on nothing.
    }
    return inodes;
  }

  /** /proc writes an address as 32-bit words in host (little-endian) order. */
  private static byte[] decode(String hex) {
    byte[] ip = new byte[hex.length() / 2];
    for (int word = 0; word < ip.length / 4; word++) {
      for (int b = 0; b < 4; b++) {
        int at = (word * 4 + b) * 2;
        ip[word * 4 + 3 - b] = (byte) Integer.parseInt(hex.substring(at, at + 2), 16);
      }
    }
    return ip;
  }

  private static boolean isLoopback(byte[] ip) {
    if (ip.length == 4) {
      return ip[0] == 127;
    }
    boolean zeroPrefix = true;
    for (int i = 0; i < 10; i++) {
      zeroPrefix &= ip[i] == 0;
    }
    boolean v4Mapped = zeroPrefix && ip[10] == (byte) 0xff && ip[11] == (byte) 0xff;
    boolean v6Loopback = zeroPrefix && ip[10] == 0 && ip[11] == 0 && ip[12] == 0 && ip[13] == 0 && ip[14] == 0 && ip[15] == 1;
    return v6Loopback || (v4Mapped && ip[12] == 127);
  }

  private static String text(byte[] ip) {
    try {
      return java.net.InetAddress.getByAddress(ip).getHostAddress();
    } catch (java.net.UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }

  private static List<String> lines(Path file) {
    try {
      List<String> all = Files.readAllLines(file);
      return all.subList(1, all.size());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
