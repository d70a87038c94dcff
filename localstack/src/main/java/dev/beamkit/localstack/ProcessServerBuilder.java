package dev.beamkit.localstack;

import java.nio.file.Path;
import java.time.Duration;

/**
 * A {@link ServerBuilder} for a {@link SingleProcessServer}: its client port, its directory and
 * its log file, and the {@link ServerProcesses} that own the process and that directory.
 *
 * @param <B> the concrete builder, which every setter returns
 */
abstract class ProcessServerBuilder<B extends ProcessServerBuilder<B>> extends ServerBuilder<B> {
  private int port;
  private Path dataDir;
  private Path logFile;

  ProcessServerBuilder(Duration defaultStartTimeout) {
    super(defaultStartTimeout);
  }

  /** The plain (not TLS) client port; 0, the default, picks a free one. */
  public B port(int port) {
    this.port = port;
    return self();
  }

  /**
   * Where the server keeps its files. By default a new temporary directory that {@code close()}
   * deletes; a directory given here is kept (and a Kafka broker's is reused, not reformatted, by
   * a later broker).
   */
  public B dataDir(Path dataDir) {
    this.dataDir = dataDir;
    return self();
  }

  /** Where the server's log output goes; by default a file in its directory. */
  public B logFile(Path logFile) {
    this.logFile = logFile;
    return self();
  }

  /** The client port asked for, else {@code free}. */
  int clientPort(int free) {
    return FreePorts.orFree(port, free);
  }

  /** The directory given, or a new temporary one named {@code prefix…}. */
  Path openDataDir(String prefix) {
    return dataDir == null ? Directories.createTemp(prefix) : Directories.create(dataDir);
  }

  /** The log file given, or {@code defaultName} in {@code dir}. */
  Path logFileIn(Path dir, String defaultName) {
    return logFile != null ? logFile.toAbsolutePath() : dir.resolve(defaultName);
  }

  /** The processes of server {@code name} in {@code dir}; a temporary {@code dir} goes with them. */
  ServerProcesses processes(String name, Duration stopGrace, Path dir) {
    return new ServerProcesses(name, stopGrace, Directories.deleteOnClose(dir, dataDir == null), stopsOnJvmExit());
  }
}
