package dev.beamkit.localstack;

import static dev.beamkit.localstack.Cleanup.closeAfterFailure;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/**
 * Command line for a Kafka broker and a Redis server that keep running in the background after
 * the command returns, e.g. for running the pipelines by hand:
 *
 * <pre>
 * localstack start [--kafka-port N] [--redis-port N] [--state-dir DIR]
 * localstack status [--state-dir DIR]
 * localstack stop [--state-dir DIR]
 * </pre>
 *
 * <p>{@code start} records pids, ports and start times in {@code state.properties} in the state
 * directory (default {@code .beamkit/stack} under the current directory), which also holds the
 * servers' data and logs. {@code status} reads it back; {@code stop} stops the recorded processes
 * and deletes the state directory. Exit codes: 0 success (for status: both servers running), 1
 * failure (for status: not running), 2 a bad command line, reported in one line.
 */
public final class LocalStackCli {

  private static final Duration STOP_GRACE = Duration.ofSeconds(15);

  private final CliArguments arguments;
  private final PrintStream out;
  private final PrintStream err;

  private LocalStackCli(CliArguments arguments, PrintStream out, PrintStream err) {
    this.arguments = arguments;
    this.out = out;
    this.err = err;
  }

  /** Runs the command line and exits the JVM with its exit code. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /** Runs the command line, printing to {@code out} and {@code err}, and returns the exit code. */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    CliArguments arguments;
    try {
      arguments = CliArguments.parse(args);
    } catch (CliArguments.UsageException e) {
      err.println("localstack: " + e.getMessage());
      return 2;
    }
    LocalStackCli cli = new LocalStackCli(arguments, out, err);
    try {
      return switch (arguments.command()) {
        case "start" -> cli.start();
        case "status" -> cli.status();
        case "stop" -> cli.stop();
        default -> cli.help();
      };
    } catch (RuntimeException e) {
      err.println("localstack: " + arguments.command() + " failed: " + e.getMessage());
      return 1;
    }
  }

  private int help() {
    out.println(CliArguments.USAGE);
    return 0;
  }

  private int start() {
    Path dir = arguments.stateDir();
    Optional<StackState> recorded = StackState.read(dir);
    if (recorded.isPresent()) {
      if (recorded.get().servers().size() == 2 && allLive(recorded.get())) {
        out.println("already running (state in " + dir + ")");
        printServers(recorded.get());
        return 0;
      }
      stopAll(recorded.get());
    }
    Directories.deleteRecursively(dir);
    Directories.create(dir);
    // The servers get no shutdown hook: they must outlive this JVM. Each one is recorded as soon
    // as it runs, so that a start interrupted half-way can still be cleaned up by stop.
    RedisServer redis =
        RedisServer.builder()
            .port(arguments.redisPort())
            .dataDir(dir.resolve("redis"))
            .logFile(dir.resolve("redis.log"))
            .stopOnJvmExit(false)
            .start();
    StackState state =
        StackState.empty(dir)
            .with(StackState.Server.of("redis", redis.pid(), redis.port(), redis.uri()));
    KafkaBroker kafka;
    try {
      kafka =
          KafkaBroker.builder()
              .port(arguments.kafkaPort())
              .dataDir(dir.resolve("kafka"))
              .logFile(dir.resolve("kafka.log"))
              .stopOnJvmExit(false)
              .start();
    } catch (RuntimeException e) {
      closeAfterFailure(redis, e);
      Directories.deleteRecursively(dir.resolve("state.properties"));
      throw e;
    }
    state =
        state.with(
            StackState.Server.of("kafka", kafka.pid(), kafka.port(), kafka.bootstrapServers()));
    out.println("started (state and logs in " + dir + ")");
    printServers(state);
    return 0;
  }

  private int status() {
    Optional<StackState> recorded = StackState.read(arguments.stateDir());
    if (recorded.isEmpty()) {
      out.println("not running (no state in " + arguments.stateDir() + ")");
      return 1;
    }
    printServers(recorded.get());
    return recorded.get().servers().size() == 2 && allLive(recorded.get()) ? 0 : 1;
  }

  private int stop() {
    Path dir = arguments.stateDir();
    Optional<StackState> recorded = StackState.read(dir);
    boolean stopped = recorded.map(this::stopAll).orElse(true);
    if (!stopped) {
      err.println("localstack: some processes did not exit; state kept in " + dir);
      return 1;
    }
    Directories.deleteRecursively(dir);
    out.println(recorded.isPresent() ? "stopped" : "not running");
    return 0;
  }

  private boolean stopAll(StackState state) {
    boolean allGone = true;
    for (StackState.Server server : state.servers()) {
      Optional<ProcessHandle> process = server.live();
      if (process.isPresent()) {
        allGone &= Processes.stop(process.get(), STOP_GRACE);
      }
    }
    return allGone;
  }

  private static boolean allLive(StackState state) {
    return state.servers().stream().allMatch(s -> s.live().isPresent());
  }

  private void printServers(StackState state) {
    for (StackState.Server server : state.servers()) {
      out.printf(
          "%-5s %s pid=%d port=%d %s%n",
          server.name(),
          server.live().isPresent() ? "running" : "dead",
          server.pid(),
          server.port(),
          server.address());
    }
  }
}
