package dev.beamkit.localstack;

import static dev.beamkit.localstack.Cleanup.closeAfterFailure;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * A real Redis server process listening on 127.0.0.1 only, with persistence off and a temporary
 * working directory.
 *
 * <p>The binary is {@code redis-server} from PATH when there is one, else the one for this OS and
 * CPU shipped inside the {@code com.github.codemonstur:embedded-redis} jar (Redis 6.2 on Linux;
 * it links libc and libssl 3 dynamically). {@link #close()} stops it and deletes its temporary
 * directory; unless told otherwise a JVM shutdown hook does the same.
 */
public final class RedisServer implements AutoCloseable {

  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final Process process;
  private final int port;
  private final Path dataDir;
  private final boolean deleteDataDirOnClose;
  private final Path logFile;
  private final StopOnJvmExit stopOnJvmExit;
  private boolean closed;

  private RedisServer(
      Process process,
      int port,
      Path dataDir,
      boolean deleteDataDirOnClose,
      Path logFile,
      boolean stopOnJvmExit) {
    this.process = process;
    this.port = port;
    this.dataDir = dataDir;
    this.deleteDataDirOnClose = deleteDataDirOnClose;
    this.logFile = logFile;
    this.stopOnJvmExit = stopOnJvmExit ? StopOnJvmExit.register("redis", this) : null;
  }

  /** Starts a server with every default: a free random port, a temporary directory. */
  public static RedisServer start() {
    return builder().start();
  }

  /** Returns a builder for a server with non-default settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** The port the server listens on, on 127.0.0.1. */
  public int port() {
    return port;
  }

  /** The server's address for clients: {@code redis://127.0.0.1:<port>}. */
  public String uri() {
    return "redis://127.0.0.1:" + port;
  }

  /** The process id of the server. */
  public long pid() {
    return process.pid();
  }

  /** The server's working directory. */
  public Path dataDir() {
    return dataDir;
  }

  /** The file that receives the server's log output. */
  public Path logFile() {
    return logFile;
  }

  /**
   * Stops the server (SIGTERM, then SIGKILL after 10 s) and deletes its directory if it was a
   * temporary one. Calling it again does nothing.
   *
   * @throws IllegalStateException if the process could not be stopped
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (stopOnJvmExit != null) {
      stopOnJvmExit.unregister();
    }
    if (!Processes.stop(process.toHandle(), STOP_GRACE)) {
      throw new IllegalStateException("redis-server pid " + pid() + " did not exit");
    }
    if (deleteDataDirOnClose) {
      Directories.deleteRecursively(dataDir);
    }
  }

  /** Settings for a server; every one has a default. */
  public static final class Builder {

    private int port;
    private Path dataDir;
    private Path logFile;
    private Path executable;
    private Duration startTimeout = Duration.ofSeconds(30);
    private boolean stopOnJvmExit = true;

    private Builder() {}

    /** The port; 0, the default, picks a free one. */
    public Builder port(int port) {
      this.port = port;
      return this;
    }

    /**
     * The server's working directory. By default a new temporary directory that {@link
     * RedisServer#close()} deletes; a directory given here is kept.
     */
    public Builder dataDir(Path dataDir) {
      this.dataDir = dataDir;
      return this;
    }

    /** Where the server's log goes; by default {@code redis.log} in the working directory. */
    public Builder logFile(Path logFile) {
      this.logFile = logFile;
      return this;
    }

    /** The {@code redis-server} binary to run instead of the one found on PATH or embedded. */
    public Builder executable(Path executable) {
      this.executable = executable;
      return this;
    }

    /** How long start-up may take before start fails; default 30 s. */
    public Builder startTimeout(Duration startTimeout) {
      this.startTimeout = startTimeout;
      return this;
    }

    /**
     * Whether a JVM shutdown hook stops the server (default true). The CLI turns it off so that
     * the server outlives the command that started it.
     */
    public Builder stopOnJvmExit(boolean stopOnJvmExit) {
      this.stopOnJvmExit = stopOnJvmExit;
      return this;
    }

    /**
     * Starts the server and waits until it answers PING.
     *
     * @throws IllegalStateException if it does not answer in time or exits; the message ends with
     *     the tail of its log
     */
    public RedisServer start() {
      int chosenPort = FreePorts.orFree(port);
      boolean temporary = dataDir == null;
      Path dir = temporary ? Directories.createTemp("beamkit-redis-") : Directories.create(dataDir);
      Path log = logFile != null ? logFile.toAbsolutePath() : dir.resolve("redis.log");
      try {
        Directories.create(log.getParent());
        Path binary = executable != null ? executable : RedisExecutable.find();
        List<String> command =
            List.of(
                binary.toString(),
                "--port", String.valueOf(chosenPort),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", dir.toString());
        RedisServer server =
            new RedisServer(
                Processes.start(command, dir, log), chosenPort, dir, temporary, log, stopOnJvmExit);
        try {
          awaitPong(server, Instant.now().plus(startTimeout));
        } catch (RuntimeException e) {
          closeAfterFailure(server, e);
          throw e;
        }
        return server;
      } catch (RuntimeException e) {
        if (temporary) {
          Directories.deleteRecursively(dir);
        }
        throw e;
      }
    }

    private static void awaitPong(RedisServer server, Instant deadline) {
      while (!RedisPing.pong(server.port)) {
        if (!server.process.isAlive()) {
          throw new IllegalStateException(
              LogTail.explain(
                  "redis-server exited with code " + server.process.exitValue(), server.logFile));
        }
        if (Instant.now().isAfter(deadline)) {
          throw new IllegalStateException(
              LogTail.explain("redis-server did not answer PING in time", server.logFile));
        }
        try {
          Thread.sleep(20);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while waiting for redis-server", e);
        }
      }
    }
  }
}
