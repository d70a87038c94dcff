package dev.beamkit.localstack;

import static dev.beamkit.localstack.Cleanup.closeAfterFailure;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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

  private final ServerProcesses processes;
  private final Process process;
  private final int port;
  private final int tlsPort;
  private final Path dataDir;
  private final Path logFile;

  private RedisServer(
      ServerProcesses processes, Process process, int port, int tlsPort, Path dataDir, Path logFile) {
    this.processes = processes;
    this.process = process;
    this.port = port;
    this.tlsPort = tlsPort;
    this.dataDir = dataDir;
    this.logFile = logFile;
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

  /**
   * The server's TLS address, {@code rediss://127.0.0.1:<tls port>} ({@link Builder#tls}).
   *
   * @throws IllegalStateException if the server has no TLS port
   */
  public String tlsUri() {
    if (tlsPort == 0) {
      throw new IllegalStateException("this redis-server has no TLS port");
    }
    return "rediss://127.0.0.1:" + tlsPort;
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
  public void close() {
    processes.close();
  }

  /** Settings for a server; every one has a default. */
  public static final class Builder {

    private int port;
    private Path dataDir;
    private Path logFile;
    private Path executable;
    private Duration startTimeout = Duration.ofSeconds(30);
    private boolean stopOnJvmExit = true;
    private TlsFiles tls;
    private final Map<String, String> users = new LinkedHashMap<>();

    private Builder() {}

    /** Adds a TLS port, on a free port, presenting the certificate of {@code tls}. */
    public Builder tls(TlsFiles tls) {
      this.tls = tls;
      return this;
    }

    /**
     * Sets the password of the {@code default} user (AUTH with a password only), or, for another
     * name, adds an ACL user with that password who may use every key and every command but the
     * server-administration ones. Either way no client gets in without a password. The passwords
     * go into the server's configuration file, readable by its owner only.
     */
    public Builder user(String name, String password) {
      users.put(name, password);
      return this;
    }

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
     * @throws ServerStartException (an IllegalStateException) if it does not answer in time or
     *     exits; the message ends with the tail of its log
     */
    public RedisServer start() {
      int[] free = FreePorts.pick(2);
      int chosenPort = FreePorts.orFree(port, free[0]);
      int tlsPort = tls == null ? 0 : free[1];
      boolean temporary = dataDir == null;
      Path dir = temporary ? Directories.createTemp("beamkit-redis-") : Directories.create(dataDir);
      Path log = logFile != null ? logFile.toAbsolutePath() : dir.resolve("redis.log");
      ServerProcesses processes =
          new ServerProcesses(
              "redis-server", STOP_GRACE, Directories.deleteOnClose(dir, temporary), stopOnJvmExit);
      try {
        Path binary = executable != null ? executable : RedisExecutable.find();
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        if (!users.isEmpty()) {
          command.add(RedisUsers.writeConfig(dir, users).toString());
        }
        command.addAll(
            List.of(
                "--port", String.valueOf(chosenPort),
                "--bind", "127.0.0.1",
                "--save", "",
                "--appendonly", "no",
                "--dir", dir.toString()));
        if (tls != null) {
          command.addAll(
              List.of(
                  "--tls-port", String.valueOf(tlsPort),
                  "--tls-cert-file", tls.serverCertificate().toString(),
                  "--tls-key-file", tls.serverKey().toString(),
                  "--tls-ca-cert-file", tls.caCertificate().toString(),
                  "--tls-auth-clients", "no"));
        }
        Process process =
            processes.launched(
                Processes.start(new ProcessBuilder(command).directory(dir.toFile()), command, log));
        Readiness.await(
            "redis-server",
            process,
            log,
            Instant.now().plus(startTimeout),
            () -> {
              if (!RedisPing.pong(chosenPort)) {
                throw new IllegalStateException("no PONG on port " + chosenPort);
              }
            });
        return new RedisServer(processes, process, chosenPort, tlsPort, dir, log);
      } catch (RuntimeException e) {
        closeAfterFailure(processes, e);
        throw e;
      }
    }
  }
}
