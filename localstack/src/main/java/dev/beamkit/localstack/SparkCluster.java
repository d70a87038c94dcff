package dev.beamkit.localstack;

import static dev.beamkit.localstack.Cleanup.closeAfterFailure;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A Spark 3.5 standalone cluster on 127.0.0.1: a Master and one Worker, each in a JVM of its own,
 * on the jars of {@code spark.classpath} (Scala 2.12). Beam's SparkRunner submits to it with {@code
 * --sparkMaster=}{@link #masterUrl()}; the Worker launches executor JVMs from a stand-in {@code
 * SPARK_HOME} whose {@code jars/} holds the same jars.
 *
 * <pre>{@code
 * try (SparkCluster spark = SparkCluster.builder().cores(2).start()) {
 *   String master = spark.masterUrl(); // "spark://127.0.0.1:37077"
 * }
 * }</pre>
 *
 * <p>{@link #close()} ends the Worker (and its executors), then the Master, and deletes scratch
 * data.
 */
public final class SparkCluster implements AutoCloseable {

  /** Main classes of the two JVMs, which their command lines name (see JvmLauncher.runs). */
  static final String MASTER_CLASS = "org.apache.spark.deploy.master.Master";

  static final String WORKER_CLASS = "org.apache.spark.deploy.worker.Worker";

  static final String MASTER_LOG = "spark-master.log";
  static final String WORKER_LOG = "spark-worker.log";

  private static final String LOOPBACK = "127.0.0.1";
  private static final Duration STOP_GRACE = Duration.ofSeconds(10);

  private final ServerProcesses processes;
  private final Process master;
  private final Process worker;
  private final int masterPort;
  private final int webUiPort;
  private final WorkDirectory workDirectory;
  private final Duration startupTime;

  private SparkCluster(
      ServerProcesses processes,
      Process master,
      Process worker,
      int masterPort,
      int webUiPort,
      WorkDirectory workDirectory,
      Duration startupTime) {
    this.processes = processes;
    this.master = master;
    this.worker = worker;
    this.masterPort = masterPort;
    this.webUiPort = webUiPort;
    this.workDirectory = workDirectory;
    this.startupTime = startupTime;
  }

  /** Starts a cluster with the defaults: one Worker with 2 cores and 1 GB for executors. */
  public static SparkCluster start() {
    return builder().start();
  }

  /** A builder to change the defaults. */
  public static Builder builder() {
    return new Builder();
  }

  /** The master URL for {@code --sparkMaster} and {@code SparkConf.setMaster}. */
  public String masterUrl() {
    return "spark://" + LOOPBACK + ":" + masterPort;
  }

  /** The Master's web UI, ending in {@code /}; its status as JSON is at {@code json/}. */
  public URI webUiUrl() {
    return URI.create("http://" + LOOPBACK + ":" + webUiPort + "/");
  }

  /** The Master's RPC port on 127.0.0.1, the port of {@link #masterUrl()}. */
  public int masterPort() {
    return masterPort;
  }

  /** The process id of the Master JVM. */
  public long masterPid() {
    return master.pid();
  }

  /** The process id of the Worker JVM (executors are its child processes). */
  public long workerPid() {
    return worker.pid();
  }

  /** The Master JVM's log. Deleted by {@link #close()} with a temporary work directory. */
  public Path masterLog() {
    return workDirectory.log(MASTER_LOG);
  }

  /** The Worker JVM's log; executors log under {@code scratch/work/<app>/<executor>/}. */
  public Path workerLog() {
    return workDirectory.log(WORKER_LOG);
  }

  /** The time from launching the Master until the Master listed the Worker as ALIVE. */
  public Duration startupTime() {
    return startupTime;
  }

  /** Whether both JVMs are still running. */
  public boolean isRunning() {
    return master.isAlive() && worker.isAlive();
  }

  /**
   * Ends the Worker with its executors, then the Master (SIGTERM, SIGKILL after 10 s each), and
   * deletes scratch data.
   *
   * @throws IllegalStateException if a process could not be stopped
   */
  @Override
  public void close() {
    processes.close();
  }

  @Override
  public String toString() {
    return "SparkCluster[master="
        + masterUrl()
        + ", masterPid="
        + masterPid()
        + ", workerPid="
        + workerPid()
        + "]";
  }

  /** Settings for {@link SparkCluster}; every one has a default. */
  public static final class Builder extends ClusterBuilder<Builder> {

    private int cores = 2;
    private String workerMemory = "1g";
    private String daemonHeap = "512m";
    private int masterPort;
    private int webUiPort;

    /** Start waits up to 120 s for each daemon unless {@link #startTimeout} says otherwise. */
    private Builder() {
      super(Duration.ofSeconds(120));
    }

    /** Cores the Worker offers to applications (default 2). */
    public Builder cores(int cores) {
      if (cores < 1) {
        throw new IllegalArgumentException("cores must be at least 1, was " + cores);
      }
      this.cores = cores;
      return this;
    }

    /** Memory the Worker offers to executors, Spark's form (default "1g"). */
    public Builder workerMemory(String memory) {
      this.workerMemory = Objects.requireNonNull(memory, "memory");
      return this;
    }

    /** Maximum heap of the Master and of the Worker JVM in {@code -Xmx} form (default "512m"). */
    public Builder daemonHeap(String heap) {
      this.daemonHeap = Objects.requireNonNull(heap, "heap");
      return this;
    }

    /** The Master's RPC port on 127.0.0.1; 0 (the default) picks a free one. */
    public Builder masterPort(int port) {
      this.masterPort = port;
      return this;
    }

    /** The Master's web UI port on 127.0.0.1; 0 (the default) picks a free one. */
    public Builder webUiPort(int port) {
      this.webUiPort = port;
      return this;
    }

    /**
     * Launches the Master, waits until its JSON status says ALIVE, launches the Worker and waits
     * until the Master lists it ALIVE with all its cores.
     *
     * @throws ServerStartException if a daemon exits or does not get ready in time; both JVMs
     *     are then ended and the message carries the log tail
     */
    public SparkCluster start() {
      WorkDirectory dir = openWorkDirectory("beamkit-spark-");
      int[] free = FreePorts.pick(3);
      int rpcPort = FreePorts.orFree(masterPort, free[0]);
      int uiPort = FreePorts.orFree(webUiPort, free[1]);
      URI status = URI.create("http://" + LOOPBACK + ":" + uiPort + "/json/");
      long launched = System.nanoTime();
      // Closing stops the Worker (and its executors) before the Master: the reverse launch order.
      ServerProcesses processes =
          new ServerProcesses("Spark cluster", STOP_GRACE, dir::release, stopsOnJvmExit());
      try {
        Path sparkHome = SparkHome.create(dir.scratch("spark-home"), ServerClasspath.jars("spark"));
        String classpath = ServerClasspath.asString("spark");
        Path masterLog = dir.log(MASTER_LOG);
        Process master =
            processes.launched(
                daemon(SparkCluster.MASTER_CLASS, classpath, sparkHome, dir, masterLog)
                    .arguments(
                        "--host", LOOPBACK,
                        "--port", Integer.toString(rpcPort),
                        "--webui-port", Integer.toString(uiPort))
                    .start());
        Readiness.await(
            "Spark master", master, masterLog, startDeadline(), () -> checkMasterAlive(status));
        Path workerLog = dir.log(WORKER_LOG);
        Process worker =
            processes.launched(
                daemon(SparkCluster.WORKER_CLASS, classpath, sparkHome, dir, workerLog)
                    .arguments(
                        "--host", LOOPBACK,
                        "--webui-port", Integer.toString(free[2]),
                        "--cores", Integer.toString(cores),
                        "--memory", workerMemory,
                        "--work-dir", dir.scratch("work").toString(),
                        "spark://" + LOOPBACK + ":" + rpcPort)
                    .start());
        Readiness.await(
            "Spark worker", worker, workerLog, startDeadline(), () -> checkWorkerAlive(status));
        Duration startup = Duration.ofNanos(System.nanoTime() - launched);
        return new SparkCluster(processes, master, worker, rpcPort, uiPort, dir, startup);
      } catch (RuntimeException e) {
        closeAfterFailure(processes, e);
        throw e;
      }
    }

    private JvmLauncher daemon(
        String mainClass, String classpath, Path sparkHome, WorkDirectory dir, Path log) {
      return JvmLauncher.of(mainClass)
          .classpath(classpath)
          .jvmOption("-Xmx" + daemonHeap)
          .jvmOption("-XX:+UseSerialGC")
          .jvmOption("-Djava.io.tmpdir=" + dir.scratch("tmp"))
          .jvmOptions(AddOpens.options())
          .dropEnvironment("SPARK_")
          .environment("SPARK_HOME", sparkHome.toString())
          // Spark would otherwise look for build folders under SPARK_HOME to guess it.
          .environment("SPARK_SCALA_VERSION", "2.12")
          // Binds the daemons, their web UIs and executors to loopback, not the LAN address.
          .environment("SPARK_LOCAL_IP", LOOPBACK)
          // Executors' shuffle and block files, inside the work directory rather than /tmp.
          .environment("SPARK_LOCAL_DIRS", dir.scratch("local").toString())
          .log(log);
    }

    private static void checkMasterAlive(URI status) throws IOException {
      String state = HttpJson.get(status).path("status").asText();
      if (!"ALIVE".equals(state)) {
        throw new IllegalStateException("master status is " + state);
      }
    }

    private void checkWorkerAlive(URI status) throws IOException {
      JsonNode json = HttpJson.get(status);
      long alive = HttpJson.longMember(json, "aliveworkers");
      long aliveCores = 0;
      for (JsonNode worker : json.path("workers")) {
        if ("ALIVE".equals(worker.path("state").asText())) {
          aliveCores += HttpJson.longMember(worker, "cores");
        }
      }
      if (alive != 1 || aliveCores != cores) {
        throw new IllegalStateException(
            "master lists " + alive + " alive workers with " + aliveCores + " cores");
      }
    }
  }
}
