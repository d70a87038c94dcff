package dev.beamkit.localstack;

import static dev.beamkit.localstack.Cleanup.closeAfterFailure;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * A Flink 1.19 session cluster in a JVM of its own on 127.0.0.1: Beam's {@code
 * FlinkMiniClusterEntryPoint} (a JobManager with its REST endpoint plus task managers in one JVM)
 * on the jars of {@code flink.classpath}. Beam's FlinkRunner submits to it with {@code
 * --flinkMaster=}{@link #restAddress()}.
 *
 * <pre>{@code
 * try (FlinkCluster flink = FlinkCluster.builder().slotsPerTaskManager(2).start()) {
 *   String master = flink.restAddress(); // "127.0.0.1:41234"
 * }
 * }</pre>
 *
 * <p>{@link #close()} ends the JVM and everything it started and deletes the scratch data.
 */
public final class FlinkCluster implements AutoCloseable {

  /** The main class of the cluster JVM, which its command line names (see JvmLauncher.runs). */
  static final String MAIN_CLASS = "org.apache.beam.runners.flink.FlinkMiniClusterEntryPoint";

  static final String LOG_NAME = "flink.log";

  private static final String LOOPBACK = "127.0.0.1";
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final ServerProcesses processes;
  private final Process process;
  private final int restPort;
  private final WorkDirectory workDirectory;
  private final Duration startupTime;

  private FlinkCluster(
      ServerProcesses processes,
      Process process,
      int restPort,
      WorkDirectory workDirectory,
      Duration startupTime) {
    this.processes = processes;
    this.process = process;
    this.restPort = restPort;
    this.workDirectory = workDirectory;
    this.startupTime = startupTime;
  }

  /** Starts a cluster with the defaults: 1 task manager with 2 slots, 768 MB heap, free port. */
  public static FlinkCluster start() {
    return builder().start();
  }

  /** A builder to change the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** {@code host:port} of the REST endpoint, the form Beam's {@code --flinkMaster} expects. */
  public String restAddress() {
    return LOOPBACK + ":" + restPort;
  }

  /** The REST endpoint (and web UI) as a URL ending in {@code /}. */
  public URI restUrl() {
    return URI.create("http://" + restAddress() + "/");
  }

  /** The REST port on 127.0.0.1. */
  public int restPort() {
    return restPort;
  }

  /** The process id of the cluster JVM. */
  public long pid() {
    return process.pid();
  }

  /**
   * The cluster JVM's log (stdout and stderr). Deleted by {@link #close()} with a temporary work
   * directory.
   */
  public Path logFile() {
    return workDirectory.log(LOG_NAME);
  }

  /** The time from launching the JVM until its REST endpoint reported every task slot. */
  public Duration startupTime() {
    return startupTime;
  }

  /** Whether the cluster JVM is still running. */
  public boolean isRunning() {
    return process.isAlive();
  }

  /**
   * Ends the cluster JVM and its children (SIGTERM, SIGKILL after 10 s) and deletes scratch data.
   *
   * @throws IllegalStateException if a process could not be stopped
   */
  @Override
  public void close() {
    processes.close();
  }

  @Override
  public String toString() {
    return "FlinkCluster[rest=" + restAddress() + ", pid=" + pid() + "]";
  }

  /** Settings for {@link FlinkCluster}; every one has a default. */
  public static final class Builder {

    private int taskManagers = 1;
    private int slotsPerTaskManager = 2;
    private String heap = "768m";
    private int restPort;
    private Path workDirectory;
    private Duration startupTimeout = Duration.ofSeconds(120);
    private boolean stopOnJvmExit = true;

    private Builder() {}

    /** Task managers in the cluster JVM (default 1). */
    public Builder taskManagers(int count) {
      this.taskManagers = positive(count, "taskManagers");
      return this;
    }

    /** Task slots of each task manager (default 2): the cluster runs this much parallelism. */
    public Builder slotsPerTaskManager(int count) {
      this.slotsPerTaskManager = positive(count, "slotsPerTaskManager");
      return this;
    }

    /** Maximum heap of the cluster JVM in {@code -Xmx} form (default "768m"). */
    public Builder heap(String heap) {
      this.heap = Objects.requireNonNull(heap, "heap");
      return this;
    }

    /** The REST port on 127.0.0.1; 0 (the default) picks a free one. */
    public Builder restPort(int port) {
      this.restPort = port;
      return this;
    }

    /**
     * Keeps the log in {@code dir} (and scratch data in {@code dir/scratch} until close) instead
     * of a temporary directory that {@link FlinkCluster#close()} deletes whole.
     */
    public Builder workDirectory(Path dir) {
      this.workDirectory = Objects.requireNonNull(dir, "dir");
      return this;
    }

    /** How long {@link #start()} waits for all task slots (default 120 s). */
    public Builder startupTimeout(Duration timeout) {
      this.startupTimeout = Objects.requireNonNull(timeout, "timeout");
      return this;
    }

    /**
     * Whether the cluster is closed when this JVM exits without closing it (default true). A
     * launcher that leaves the cluster running for others, like the CLI, turns it off.
     */
    public Builder stopOnJvmExit(boolean stop) {
      this.stopOnJvmExit = stop;
      return this;
    }

    /**
     * Launches the cluster JVM and waits until REST {@code /overview} reports all task managers
     * and slots.
     *
     * @throws ServerStartException if it exits or does not get ready in time; the JVM is then
     *     ended and the message carries the log tail
     */
    public FlinkCluster start() {
      WorkDirectory dir =
          workDirectory == null
              ? WorkDirectory.temporary("beamkit-flink-")
              : WorkDirectory.at(workDirectory);
      int port = FreePorts.orFree(restPort, FreePorts.pick(1)[0]);
      Path log = dir.log(LOG_NAME);
      long launched = System.nanoTime();
      ServerProcesses processes =
          new ServerProcesses("Flink cluster", STOP_GRACE, dir::release, stopOnJvmExit);
      try {
        Process process = processes.launched(launcher(dir, port, log).start());
        URI overview = URI.create("http://" + LOOPBACK + ":" + port + "/overview");
        int slots = taskManagers * slotsPerTaskManager;
        Readiness.await(
            "Flink cluster",
            process,
            log,
            Instant.now().plus(startupTimeout),
            () -> checkOverview(overview, taskManagers, slots));
        Duration startup = Duration.ofNanos(System.nanoTime() - launched);
        return new FlinkCluster(processes, process, port, dir, startup);
      } catch (RuntimeException e) {
        closeAfterFailure(processes, e);
        throw e;
      }
    }

    /** The cluster JVM: Beam's entry point on Flink's jars, its scratch data in {@code dir}. */
    private JvmLauncher launcher(WorkDirectory dir, int port, Path log) {
      return JvmLauncher.of(MAIN_CLASS)
          .classpath(ServerClasspath.asString("flink"))
          .jvmOption("-Xmx" + heap)
          .jvmOption("-XX:+UseSerialGC")
          // Flink's blobs, spills and uploaded jars land here and go with close().
          .jvmOption("-Djava.io.tmpdir=" + dir.scratch("tmp"))
          .jvmOption("-Dorg.slf4j.simpleLogger.showDateTime=true")
          // The web UI serves the JobManager log from the file this property names.
          .jvmOption("-Dlog.file=" + log)
          .jvmOptions(AddOpens.options())
          .dropEnvironment("FLINK_")
          .arguments(
              "--rest-port", Integer.toString(port),
              "--rest-bind-address", LOOPBACK,
              "--num-task-managers", Integer.toString(taskManagers),
              "--num-task-slots-per-taskmanager", Integer.toString(slotsPerTaskManager))
          .log(log);
    }

    private static void checkOverview(URI overview, int taskManagers, int slots)
        throws IOException {
      Object json = HttpJson.get(overview);
      long registered = Json.longMember(json, "taskmanagers");
      long total = Json.longMember(json, "slots-total");
      if (registered != taskManagers || total != slots) {
        throw new IllegalStateException(
            "/overview reports " + registered + " task managers and " + total + " slots");
      }
    }

    private static int positive(int value, String name) {
      if (value < 1) {
        throw new IllegalArgumentException(name + " must be at least 1, was " + value);
      }
      return value;
    }
  }
}
