package dev.beamkit.localstack;

import java.nio.file.Path;

/**
 * What a server that is one process of its own ({@link KafkaBroker}, {@link RedisServer}) has in
 * common: its process, its client port on 127.0.0.1 and an optional secured one (SASL_SSL, TLS),
 * its directory and log file, and {@link #close()}.
 */
public abstract class SingleProcessServer implements AutoCloseable {
  private final ServerProcesses processes;
  private final Process process;
  private final int port;
  private final int securedPort;
  private final Path dataDir;
  private final Path logFile;

  SingleProcessServer(
      ServerProcesses processes, Process process, int port, int securedPort, Path dataDir, Path logFile) {
    this.processes = processes;
    this.process = process;
    this.port = port;
    this.securedPort = securedPort;
    this.dataDir = dataDir;
    this.logFile = logFile;
  }

  /** The plain (not TLS) port clients connect to, on 127.0.0.1. */
  public int port() {
    return port;
  }

  /**
   * {@code scheme} followed by {@code 127.0.0.1:<secured port>}.
   *
   * @throws IllegalStateException saying {@code none} if the server has no secured port
   */
  String securedAddress(String scheme, String none) {
    if (securedPort == 0) {
      throw new IllegalStateException(none);
    }
    return scheme + "127.0.0.1:" + securedPort;
  }

  /** The process id of the server. */
  public long pid() {
    return process.pid();
  }

  /** The server's directory: its configuration files and its data. */
  public Path dataDir() {
    return dataDir;
  }

  /** The file that receives the server's log output. */
  public Path logFile() {
    return logFile;
  }

  /**
   * Stops the server (SIGTERM, then SIGKILL after a grace period) and deletes its directory if it
   * was a temporary one. Calling it again does nothing.
   *
   * @throws IllegalStateException if the process could not be stopped
   */
  @Override
  public void close() {
    processes.close();
  }
}
