package dev.beamkit.clusters;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Starts, checks and stops the local clusters like a service script, so that they outlive the
 * command and other tools (a pipeline submission, a browser) can use them:
 *
 * <pre>
 * ClustersCli start|status|stop [flink|spark|all] [--state-dir DIR]
 * </pre>
 *
 * <p>State (pids, ports, work directories with the logs) lives in {@code .beamkit/clusters/} under
 * the current directory unless {@code --state-dir} says otherwise. Exit codes: 0 done (for {@code
 * status}: every named cluster runs), 1 a cluster failed to start or stop, 2 bad usage, 3 {@code
 * status} found a named cluster not running.
 */
public final class ClustersCli {

  private static final String USAGE =
      "usage: clusters start|status|stop [flink|spark|all] [--state-dir DIR]";
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final PrintStream out;
  private final Path stateDir;

  private ClustersCli(PrintStream out, Path stateDir) {
    this.out = out;
    this.stateDir = stateDir;
  }

  /** Runs the CLI and exits the JVM with its exit code. */
  public static void main(String[] args) {
    System.exit(run(args, System.out, System.err));
  }

  /**
   * Runs one command and returns the exit code; never exits the JVM.
   *
   * @param out where results go, one line per cluster
   * @param err where usage errors go, one line each
   */
  public static int run(String[] args, PrintStream out, PrintStream err) {
    String command = null;
    String target = null;
    Path stateDir = Path.of(".beamkit", "clusters");
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-h") || arg.equals("--help")) {
        out.println(USAGE);
        return 0;
      } else if (arg.startsWith("--state-dir=")) {
        stateDir = Path.of(arg.substring("--state-dir=".length()));
      } else if (arg.equals("--state-dir")) {
        if (i + 1 == args.length) {
          err.println("clusters: option '--state-dir' needs a directory");
          return 2;
        }
        stateDir = Path.of(args[++i]);
      } else if (arg.startsWith("-")) {
        err.println("clusters: unknown option '" + arg + "'");
        return 2;
      } else if (command == null) {
        command = arg;
      } else if (target == null) {
        target = arg;
      } else {
        err.println("clusters: unexpected argument '" + arg + "'");
        return 2;
      }
    }
    if (command == null) {
      err.println(USAGE);
      return 2;
    }
    List<String> kinds;
    switch (target == null ? "all" : target) {
      case "all":
        kinds = List.of("flink", "spark");
        break;
      case "flink":
      case "spark":
        kinds = List.of(target);
        break;
      default:
        err.println("clusters: unknown cluster '" + target + "' (expected flink, spark or all)");
        return 2;
    }
    ClustersCli cli = new ClustersCli(out, stateDir.toAbsolutePath().normalize());
    switch (command) {
      case "start":
        return cli.forEach(kinds, cli::start, 1);
      case "status":
        return cli.forEach(kinds, cli::status, 3);
      case "stop":
        return cli.forEach(kinds, cli::stop, 1);
      default:
        err.println(
            "clusters: unknown command '" + command + "' (expected start, status or stop)");
        return 2;
    }
  }

  /** One command for one cluster kind; returns whether it succeeded. */
  private interface Action {
    boolean apply(String kind);
  }

  private int forEach(List<String> kinds, Action action, int failureCode) {
    boolean ok = true;
    for (String kind : kinds) {
      ok &= action.apply(kind);
    }
    return ok ? 0 : failureCode;
  }

  private boolean start(String kind) {
    Optional<ClusterState> existing = ClusterState.read(stateDir, kind);
    if (existing.isPresent()) {
      ClusterState state = existing.get();
      if (state.liveProcesses().size() == state.processes().size()) {
        out.println(kind + ": already running " + describe(state));
        return true;
      }
      clear(state, "cleared the state of an earlier run that is gone");
    }
    try {
      ClusterState state = kind.equals("flink") ? startFlink() : startSpark();
      state.write(stateDir);
      out.println(kind + ": started " + describe(state));
      return true;
    } catch (RuntimeException e) {
      out.println(kind + ": failed to start: " + e.getMessage());
      return false;
    }
  }

  private ClusterState startFlink() {
    Path workDir = stateDir.resolve("flink");
    FlinkCluster flink =
        FlinkCluster.builder().workDirectory(workDir).stopOnJvmExit(false).start();
    Map<String, String> endpoints = new LinkedHashMap<>();
    endpoints.put("rest", flink.restAddress());
    endpoints.put("pid", Long.toString(flink.pid()));
    endpoints.put("startup", seconds(flink.startupTime()));
    endpoints.put("log", flink.logFile().toString());
    return new ClusterState(
        "flink",
        Map.of(flink.pid(), FlinkCluster.MAIN_CLASS),
        workDir,
        flink.restUrl().resolve("overview"),
        endpoints);
  }

  private ClusterState startSpark() {
    Path workDir = stateDir.resolve("spark");
    SparkCluster spark =
        SparkCluster.builder().workDirectory(workDir).stopOnJvmExit(false).start();
    Map<Long, String> processes = new LinkedHashMap<>(); // stop order: worker first
    processes.put(spark.workerPid(), SparkCluster.WORKER_CLASS);
    processes.put(spark.masterPid(), SparkCluster.MASTER_CLASS);
    Map<String, String> endpoints = new LinkedHashMap<>();
    endpoints.put("master", spark.masterUrl());
    endpoints.put("webui", spark.webUiUrl().toString());
    endpoints.put("pids", spark.masterPid() + "," + spark.workerPid());
    endpoints.put("startup", seconds(spark.startupTime()));
    endpoints.put("logs", spark.masterLog().getParent().toString());
    return new ClusterState(
        "spark", processes, workDir, spark.webUiUrl().resolve("json/"), endpoints);
  }

  private boolean status(String kind) {
    Optional<ClusterState> existing = ClusterState.read(stateDir, kind);
    if (existing.isEmpty()) {
      out.println(kind + ": not running");
      return false;
    }
    ClusterState state = existing.get();
    int live = state.liveProcesses().size();
    if (live == 0) {
      out.println(kind + ": not running (stale state in " + stateDir + "; stop clears it)");
      return false;
    }
    if (live < state.processes().size()) {
      out.println(
          kind + ": broken, " + live + " of " + state.processes().size() + " JVMs running");
      return false;
    }
    try {
      HttpJson.get(state.statusUrl());
    } catch (IOException e) {
      out.println(kind + ": running but not answering: " + e.getMessage());
      return false;
    }
    out.println(kind + ": running " + describe(state));
    return true;
  }

  private boolean stop(String kind) {
    Optional<ClusterState> existing = ClusterState.read(stateDir, kind);
    if (existing.isEmpty()) {
      out.println(kind + ": not running");
      return true;
    }
    ClusterState state = existing.get();
    List<Long> stopped = new ArrayList<>();
    try {
      for (ProcessHandle process : state.liveProcesses()) {
        ProcessTree.terminate(process, STOP_GRACE);
        stopped.add(process.pid());
      }
    } catch (RuntimeException e) {
      out.println(kind + ": failed to stop: " + e.getMessage());
      return false;
    }
    clear(state, stopped.isEmpty() ? "was not running" : "stopped pids " + stopped);
    return true;
  }

  private void clear(ClusterState state, String what) {
    WorkDirectory.at(state.workDirectory()).release();
    state.delete(stateDir);
    out.println(state.kind() + ": " + what + " (logs kept in " + state.workDirectory() + ")");
  }

  private static String describe(ClusterState state) {
    List<String> parts = new ArrayList<>();
    state.endpoints().forEach((name, value) -> parts.add(name + "=" + value));
    return String.join(" ", parts);
  }

  private static String seconds(Duration duration) {
    return String.format("%.1fs", duration.toMillis() / 1000.0);
  }
}
