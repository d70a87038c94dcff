package dev.beamkit.localstack;

import static dev.beamkit.localstack.Cleanup.closeAfterFailure;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A Flink 1.19 session cluster on 127.0.0.1 as a Flink distribution runs one: a JobManager
 * ({@code StandaloneSessionClusterEntrypoint}, with the REST endpoint and web UI) and TaskManagers
 * ({@code TaskManagerRunner}), each in a JVM of its own, all on the jars of {@code
 * flink.classpath}: Flink alone, no Beam. Beam's FlinkRunner submits to it with {@code
 * --flinkMaster=}{@link #restAddress()} and stages Beam, the runner and the job's IOs with the job,
 * where Flink's user-code classloader loads them together.
 *
 * <pre>{@code
 * try (FlinkCluster flink = FlinkCluster.builder().slotsPerTaskManager(2).start()) {
 *   String master = flink.restAddress(); // "127.0.0.1:41234"
 * }
 * }</pre>
 *
 * <p>{@link #close()} ends the TaskManagers, then the JobManager, and deletes the scratch data.
 */
public final class FlinkCluster implements AutoCloseable {

  /** Main classes of the two kinds of JVM, which their command lines name (see JvmLauncher.runs). */
  static final String JOBMANAGER_CLASS =
      "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint";

  static final String TASKMANAGER_CLASS =
      "org.apache.flink.runtime.taskexecutor.TaskManagerRunner";

  static final String JOBMANAGER_LOG = "flink-jobmanager.log";

  private static final String LOOPBACK = "127.0.0.1";
  private static final String JOBMANAGER_HEAP = "512m";
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final ServerProcesses processes;
  private final Process jobManager;
  private final List<Process> taskManagers;
  private final int restPort;
  private final WorkDirectory workDirectory;
  private final Duration startupTime;

  private FlinkCluster(
      ServerProcesses processes,
      Process jobManager,
      List<Process> taskManagers,
      int restPort,
      WorkDirectory workDirectory,
      Duration startupTime) {
    this.processes = processes;
    this.jobManager = jobManager;
    this.taskManagers = List.copyOf(taskManagers);
    this.restPort = restPort;
    this.workDirectory = workDirectory;
    this.startupTime = startupTime;
  }

  /** Starts a cluster with the defaults: 1 TaskManager with 2 slots and 768 MB heap, free ports. */
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

  /** The process id of the JobManager JVM. */
  public long pid() {
    return jobManager.pid();
  }

  /** The process ids of the TaskManager JVMs, in launch order. */
  public List<Long> taskManagerPids() {
    return taskManagers.stream().map(Process::pid).toList();
  }

  /**
   * The JobManager's log (stdout and stderr). Deleted by {@link #close()} with a temporary work
   * directory.
   */
  public Path logFile() {
    return workDirectory.log(JOBMANAGER_LOG);
  }

  /** The log of TaskManager {@code index} (from 1), where the job's tasks log. */
  public Path taskManagerLog(int index) {
    return workDirectory.log(taskManagerLogName(index));
  }

  /** The time from launching the JobManager until its REST endpoint reported every task slot. */
  public Duration startupTime() {
    return startupTime;
  }

  /** Whether the JobManager and every TaskManager JVM are still running. */
  public boolean isRunning() {
    return jobManager.isAlive() && taskManagers.stream().allMatch(Process::isAlive);
  }

  /**
   * Ends the TaskManagers, then the JobManager (SIGTERM, SIGKILL after 10 s each), and deletes
   * scratch data.
   *
   * @throws IllegalStateException if a process could not be stopped
   */
  @Override
  public void close() {
    processes.close();
  }

  @Override
  public String toString() {
    return "FlinkCluster[rest="
        + restAddress()
        + ", jobManagerPid="
        + pid()
        + ", taskManagerPids="
        + taskManagerPids()
        + "]";
  }

  static String taskManagerLogName(int index) {
    return "flink-taskmanager-" + index + ".log";
  }

  /** Settings for {@link FlinkCluster}; every one has a default. */
  public static final class Builder extends ClusterBuilder<Builder> {

    private int taskManagers = 1;
    private int slotsPerTaskManager = 2;
    private String heap = "768m";
    private int restPort;

    /** Start waits up to 120 s for the JobManager, then 120 s for all task slots, unless {@link #startTimeout} says otherwise. */
    private Builder() {
      super(Duration.ofSeconds(120));
    }

    /** TaskManager JVMs in the cluster (default 1). */
    public Builder taskManagers(int count) {
      this.taskManagers = positive(count, "taskManagers");
      return this;
    }

    /** Task slots of each TaskManager (default 2): the cluster runs this much parallelism. */
    public Builder slotsPerTaskManager(int count) {
      this.slotsPerTaskManager = positive(count, "slotsPerTaskManager");
      return this;
    }

    /**
     * Maximum heap of each TaskManager JVM in {@code -Xmx} form (default "768m"), where the jobs
     * run; Flink keeps 128 MB of it for itself. The JobManager gets 512 MB.
     */
    public Builder heap(String heap) {
      this.heap = Objects.requireNonNull(heap, "heap");
      FlinkConfigFile.heapMiB(heap); // a size Flink's memory settings cannot be derived from fails here
      return this;
    }

    /** The REST port on 127.0.0.1; 0 (the default) picks a free one. */
    public Builder restPort(int port) {
      this.restPort = port;
      return this;
    }

    /**
     * Launches the JobManager, waits until its REST endpoint answers, launches the TaskManagers
     * and waits until REST {@code /overview} reports all of them and their slots.
     *
     * @throws ServerStartException if a JVM exits or does not get ready in time; every JVM is then
     *     ended and the message carries the log tail
     */
    public FlinkCluster start() {
      WorkDirectory dir = openWorkDirectory("beamkit-flink-");
      // REST, JobManager RPC and blob server, then RPC and data port of each TaskManager.
      int[] free = FreePorts.pick(3 + 2 * taskManagers);
      int port = FreePorts.orFree(restPort, free[0]);
      URI overview = URI.create("http://" + LOOPBACK + ":" + port + "/overview");
      long launched = System.nanoTime();
      // Closing stops the TaskManagers before the JobManager: the reverse launch order.
      ServerProcesses processes =
          new ServerProcesses("Flink cluster", STOP_GRACE, dir::release, stopsOnJvmExit());
      try {
        Path configDir =
            FlinkConfigFile.of(
                    port, free[1], free[2], slotsPerTaskManager, heap, dir.scratch("tmp"))
                .writeTo(dir.scratch("conf"));
        Path jobManagerLog = dir.log(JOBMANAGER_LOG);
        Process jobManager =
            processes.launched(
                daemon(JOBMANAGER_CLASS, JOBMANAGER_HEAP, dir, configDir, jobManagerLog).start());
        Readiness.await(
            "Flink JobManager", jobManager, jobManagerLog, startDeadline(), () -> HttpJson.get(overview));
        List<Process> started = new ArrayList<>();
        for (int i = 1; i <= taskManagers; i++) {
          started.add(
              processes.launched(
                  daemon(TASKMANAGER_CLASS, heap, dir, configDir, dir.log(taskManagerLogName(i)))
                      .arguments(
                          "-Dtaskmanager.rpc.port=" + free[1 + 2 * i],
                          "-Dtaskmanager.data.port=" + free[2 + 2 * i])
                      .start()));
        }
        Instant slotsDeadline = startDeadline();
        for (int i = 1; i <= taskManagers; i++) {
          Readiness.await(
              "Flink TaskManager " + i,
              started.get(i - 1),
              dir.log(taskManagerLogName(i)),
              slotsDeadline,
              () -> checkOverview(overview, taskManagers, taskManagers * slotsPerTaskManager));
        }
        Duration startup = Duration.ofNanos(System.nanoTime() - launched);
        return new FlinkCluster(processes, jobManager, started, port, dir, startup);
      } catch (RuntimeException e) {
        closeAfterFailure(processes, e);
        throw e;
      }
    }

    /** A Flink JVM reading {@code configDir}, its scratch data in {@code dir}. */
    private static JvmLauncher daemon(
        String mainClass, String heap, WorkDirectory dir, Path configDir, Path log) {
      return JvmLauncher.of(mainClass)
          .classpath(ServerClasspath.asString("flink"))
          .jvmOption("-Xmx" + heap)
          .jvmOption("-XX:+UseSerialGC")
          // Uploaded jars and anything else a library puts in java.io.tmpdir go with close().
          .jvmOption("-Djava.io.tmpdir=" + dir.scratch("tmp"))
          .jvmOption("-Dorg.slf4j.simpleLogger.showDateTime=true")
          // The web UI serves each JVM's log from the file this property names.
          .jvmOption("-Dlog.file=" + log)
          .jvmOptions(AddOpens.options())
          .dropEnvironment("FLINK_")
          // An empty plugins folder of the cluster's own, not ./plugins of whoever started it.
          .environment("FLINK_PLUGINS_DIR", dir.scratch("plugins").toString())
          .arguments("--configDir", configDir.toString())
          .log(log);
    }

    private static void checkOverview(URI overview, int taskManagers, int slots)
        throws IOException {
      JsonNode json = HttpJson.get(overview);
      long registered = HttpJson.longMember(json, "taskmanagers");
      long total = HttpJson.longMember(json, "slots-total");
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
