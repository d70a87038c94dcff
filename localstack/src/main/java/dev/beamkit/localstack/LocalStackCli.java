package dev.beamkit.localstack;

import dev.beamkit.localstack.StackState.RecordedProcess;
import dev.beamkit.localstack.StackState.Server;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Command line for the local stack, whose servers keep running in the background after the
 * command returns, e.g. for running the pipelines by hand or submitting them to a cluster:
 *
 * <pre>
 * localstack start  [kafka] [redis] [flink] [spark] [all] [--kafka-port N] [--redis-port N]
 *                   [--flink-port N] [--spark-port N] [--spark-ui-port N] [--state-dir DIR]
 *                   [--secure]
 * localstack status [servers] [--state-dir DIR]
 * localstack stop   [servers] [--state-dir DIR]
 * </pre>
 *
 * <p>{@code start} runs the named servers (default: kafka and redis) that are not running yet and
 * prints each one's address: the Kafka bootstrap servers, the Redis URI, the Flink REST address
 * for {@code --flinkMaster}, the Spark master URL for {@code --sparkMaster} and the web UIs. It
 * records pids, ports and addresses in {@code state.properties} in the state directory (default
 * {@code .beamkit/stack} under the current directory), which also holds the servers' data and
 * logs. With {@code --secure} Kafka also has a SASL_SSL listener and Redis wants passwords and
 * has a TLS port ({@link SecuredStack}); start then prints the Kafka client properties file and
 * the beamkit options that use them. {@code status} and {@code stop} act on the named servers, by default on every recorded
 * one; {@code stop} deletes their data and keeps their logs. Exit codes: 0 success (for status:
 * every server asked about runs), 1 failure (for status: one does not), 2 a bad command line,
 * reported in one line.
 */
public final class LocalStackCli {

  private static final Duration STOP_GRACE = Duration.ofSeconds(15);

  private final CliArguments arguments;
  private final PrintStream out;

  private LocalStackCli(CliArguments arguments, PrintStream out) {
    this.arguments = arguments;
    this.out = out;
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
    LocalStackCli cli = new LocalStackCli(arguments, out);
    try {
      return switch (arguments.command()) {
        case "start" -> cli.start();
        case "status" -> cli.status();
        case "stop" -> cli.stop();
        default -> cli.help();
      };
    } catch (RuntimeException e) {
      err.println("localstack: " + arguments.command() + " failed: " + e.getMessage());
      for (Throwable cleanupFailure : e.getSuppressed()) {
        err.println("localstack: and then: " + cleanupFailure.getMessage());
      }
      return 1;
    }
  }

  private int help() {
    out.println(CliArguments.USAGE);
    return 0;
  }

  /**
   * Starts the named servers that do not run yet. Each one is recorded as soon as it runs, so that
   * a start interrupted half-way can still be cleaned up by stop; if one fails, the ones this
   * command started are stopped again and the failure is reported.
   */
  private int start() {
    StackState state = StackState.read(arguments.stateDir());
    List<String> started = new ArrayList<>();
    for (StackService service : arguments.servers()) {
      Optional<Server> recorded = state.server(service.id());
      if (recorded.isPresent() && recorded.get().running()) {
        print(recorded.get(), "already running");
        continue;
      }
      if (recorded.isPresent()) {
        state = stop(state, recorded.get());
      }
      Directories.deleteRecursively(service.data(arguments.stateDir()));
      Server server;
      try {
        server = service.start(arguments, arguments.stateDir());
      } catch (RuntimeException e) {
        Directories.deleteRecursively(service.data(arguments.stateDir()));
        for (String name : started) {
          try {
            state = stop(state, state.server(name).orElseThrow());
          } catch (RuntimeException notStopped) {
            e.addSuppressed(notStopped);
          }
        }
        throw e;
      }
      state = state.with(server);
      started.add(server.name());
      print(server, "started");
    }
    if (arguments.secure()) {
      printBeamkitOptions(state);
    }
    out.println("state and logs in " + arguments.stateDir());
    return 0;
  }

  /** The options that point a pipeline at the secured servers, ready to paste. */
  private void printBeamkitOptions(StackState state) {
    StringBuilder options = new StringBuilder();
    state.server(StackService.KAFKA.id()).map(k -> k.endpoints().get("client-properties")).ifPresent(
        file -> options.append(" --kafkaProperties=").append(file));
    state.server(StackService.REDIS.id()).filter(r -> r.endpoints().containsKey("tls-uri")).ifPresent(
        r -> options.append(" --redisUri=").append(r.endpoints().get("tls-uri"))
            .append(" --redisPasswordFile=").append(r.endpoints().get("password-file"))
            .append(" --redisCaCert=").append(r.endpoints().get("ca-cert")));
    if (options.length() > 0) {
      out.println("beamkit options:" + options);
    }
  }

  private int status() {
    StackState state = StackState.read(arguments.stateDir());
    if (arguments.servers().isEmpty() && state.servers().isEmpty()) {
      out.println("not running (no state in " + arguments.stateDir() + ")");
      return 1;
    }
    boolean allRunning = true;
    for (String name : named(state)) {
      Optional<Server> server = state.server(name);
      String status = server.map(LocalStackCli::status).orElse("not running");
      allRunning &= status.equals("running");
      if (server.isPresent()) {
        print(server.get(), status);
      } else {
        out.printf("%-6s %s%n", name, status);
      }
    }
    return allRunning ? 0 : 1;
  }

  private static String status(Server server) {
    if (!server.running()) {
      return "dead";
    }
    return FreePorts.isListening(server.port()) ? "running" : "not answering";
  }

  private int stop() {
    StackState state = StackState.read(arguments.stateDir());
    if (arguments.servers().isEmpty() && state.servers().isEmpty()) {
      out.println("not running");
      return 0;
    }
    for (String name : named(state)) {
      Optional<Server> server = state.server(name);
      if (server.isEmpty()) {
        out.printf("%-6s %s%n", name, "not running");
        continue;
      }
      state = stop(state, server.get());
      print(server.get(), "stopped");
    }
    out.println("logs kept in " + arguments.stateDir());
    return 0;
  }

  /**
   * Stops {@code server}'s processes that still run, last launched first, deletes its data and
   * forgets it.
   *
   * @throws IllegalStateException if a process does not exit; the server stays recorded
   */
  private static StackState stop(StackState state, Server server) {
    List<RecordedProcess> launchOrder = server.processes();
    for (int i = launchOrder.size() - 1; i >= 0; i--) {
      RecordedProcess process = launchOrder.get(i);
      Optional<ProcessHandle> live = process.live();
      if (live.isPresent() && !ProcessTree.stop(live.get(), STOP_GRACE)) {
        throw new IllegalStateException(
            server.name() + " pid " + process.pid() + " did not exit; it stays recorded");
      }
    }
    Directories.deleteRecursively(server.data());
    return state.remove(server.name());
  }

  /** The servers the command line names, else every recorded one; in start order. */
  private List<String> named(StackState state) {
    if (!arguments.servers().isEmpty()) {
      return arguments.servers().stream().map(StackService::id).toList();
    }
    return state.servers().stream().map(Server::name).toList();
  }

  private void print(Server server, String status) {
    String endpoints =
        server.endpoints().entrySet().stream()
            .map(e -> e.getKey() + "=" + e.getValue())
            .collect(Collectors.joining(" "));
    String pids =
        server.processes().stream()
            .map(p -> String.valueOf(p.pid()))
            .collect(Collectors.joining(","));
    out.printf("%-6s %-15s %s pid=%s%n", server.name(), status, endpoints, pids);
  }
}
