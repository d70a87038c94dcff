package dev.beamkit.localstack;

import static dev.beamkit.localstack.Cleanup.closeAfterFailure;

import java.nio.file.Path;
import java.time.Duration;
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
public final class RedisServer extends SingleProcessServer {

  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private RedisServer(
      ServerProcesses processes, Process process, int port, int tlsPort, Path dataDir, Path logFile) {
    super(processes, process, port, tlsPort, dataDir, logFile);
  }

  /** Starts a server with every default: a free random port, a temporary directory. */
  public static RedisServer start() {
    return builder().start();
  }

  /** Returns a builder for a server with non-default settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** The server's address for clients: {@code redis://127.0.0.1:<port>}. */
  public String uri() {
    return "redis://127.0.0.1:" + port();
  }

  /**
   * The server's TLS address, {@code rediss://127.0.0.1:<tls port>} ({@link Builder#tls}).
   *
   * @throws IllegalStateException if the server has no TLS port
   */
  public String tlsUri() {
    return securedAddress("rediss://", "this redis-server has no TLS port");
  }

  /** Settings for a server; every one has a default. */
  public static final class Builder extends ProcessServerBuilder<Builder> {

    private Path executable;
    private TlsFiles tls;
    private final Map<String, String> users = new LinkedHashMap<>();

    /** Start-up may take 30 s unless {@link #startTimeout} says otherwise. */
    private Builder() {
      super(Duration.ofSeconds(30));
    }

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

    /** The {@code redis-server} binary to run instead of the one found on PATH or embedded. */
    public Builder executable(Path executable) {
      this.executable = executable;
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
      int chosenPort = clientPort(free[0]);
      int tlsPort = tls == null ? 0 : free[1];
      Path dir = openDataDir("beamkit-redis-");
      Path log = logFileIn(dir, "redis.log");
      ServerProcesses processes = processes("redis-server", STOP_GRACE, dir);
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
            startDeadline(),
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
