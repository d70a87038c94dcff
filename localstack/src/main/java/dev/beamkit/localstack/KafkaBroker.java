package dev.beamkit.localstack;

import static dev.beamkit.localstack.Cleanup.closeAfterFailure;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.errors.TopicExistsException;

/**
 * A real Apache Kafka 3.9 broker in KRaft mode (broker and controller in one node), running in its
 * own JVM with its own classpath, listening on 127.0.0.1 only.
 *
 * <p>Kafka's server jars (Scala 2.13) are never loaded into the calling JVM, so a Spark test
 * (Scala 2.12) can start one. Typical use in a test:
 *
 * <pre>{@code
 * try (KafkaBroker kafka = KafkaBroker.start()) {
 *   kafka.createTopic("events", 3);
 *   producerProps.put("bootstrap.servers", kafka.bootstrapServers());
 *   ...
 * }
 * }</pre>
 *
 * <p>{@link #close()} stops the process (SIGTERM, then SIGKILL after a grace period) and deletes
 * the data directory when it was a temporary one. Unless told otherwise, a JVM shutdown hook also
 * closes the broker, so Ctrl-C or a crashed test run leaves no process behind.
 */
public final class KafkaBroker extends SingleProcessServer {

  private static final Duration STOP_GRACE = Duration.ofSeconds(15);
  private static final Duration ADMIN_TIMEOUT = Duration.ofSeconds(30);

  private KafkaBroker(
      ServerProcesses processes, Process process, int port, int saslSslPort, Path dataDir, Path logFile) {
    super(processes, process, port, saslSslPort, dataDir, logFile);
  }

  /** Starts a broker with every default: free random ports, a temporary data directory. */
  public static KafkaBroker start() {
    return builder().start();
  }

  /** Returns a builder for a broker with non-default settings. */
  public static Builder builder() {
    return new Builder();
  }

  /** The {@code bootstrap.servers} value for clients: {@code 127.0.0.1:<port>}. */
  public String bootstrapServers() {
    return "127.0.0.1:" + port();
  }

  /**
   * The {@code bootstrap.servers} of the SASL_SSL listener ({@link Builder#saslSsl}); clients
   * there need {@code security.protocol=SASL_SSL}, {@code sasl.mechanism=SCRAM-SHA-512}, a user's
   * {@code sasl.jaas.config} and the CA certificate as trust store.
   *
   * @throws IllegalStateException if the broker has no such listener
   */
  public String saslSslBootstrapServers() {
    return securedAddress("", "this broker has no SASL_SSL listener");
  }

  /**
   * Creates a topic with {@code partitions} partitions and replication factor 1, and returns once
   * every partition has a leader. Idempotent: an existing topic with the same partition count is
   * left alone.
   *
   * @throws IllegalStateException if the topic exists with another partition count, or the broker
   *     does not answer in time
   */
  public void createTopic(String name, int partitions) {
    try (Admin admin = admin()) {
      try {
        admin
            .createTopics(List.of(new NewTopic(name, partitions, (short) 1)))
            .all()
            .get(ADMIN_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw new IllegalStateException("could not create topic " + name, e.getCause());
        }
      }
      awaitLeaders(admin, name, partitions);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating topic " + name, e);
    } catch (TimeoutException e) {
      throw new IllegalStateException("the broker did not create topic " + name + " in time", e);
    }
  }

  private static void awaitLeaders(Admin admin, String name, int partitions)
      throws InterruptedException, TimeoutException {
    Instant deadline = Instant.now().plus(ADMIN_TIMEOUT);
    while (true) {
      try {
        TopicDescription topic =
            admin.describeTopics(List.of(name)).allTopicNames().get().get(name);
        if (topic.partitions().size() != partitions) {
          throw new IllegalStateException(
              "topic "
                  + name
                  + " already exists with "
                  + topic.partitions().size()
                  + " partitions, not "
                  + partitions);
        }
        if (topic.partitions().stream().allMatch(p -> p.leader() != null && !p.leader().isEmpty())) {
          return;
        }
      } catch (ExecutionException notKnownYet) {
        // The broker's metadata cache lags the controller for a moment after creation.
      }
      if (Instant.now().isAfter(deadline)) {
        throw new TimeoutException("partitions of " + name + " have no leader");
      }
      Thread.sleep(50);
    }
  }

  private Admin admin() {
    return Admin.create(
        Map.of(
            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers(),
            AdminClientConfig.CLIENT_ID_CONFIG, "beamkit-localstack",
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 10_000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ADMIN_TIMEOUT.toMillis()));
  }

  /** Settings for a broker; every one has a default. */
  public static final class Builder extends ProcessServerBuilder<Builder> {

    private int controllerPort;
    private String heap = "512m";
    // C1 only and the serial collector: about 40% less CPU to start on a 2-core machine, and a
    // test broker never runs long enough to profit from C2 or a parallel collector.
    private final List<String> jvmOptions =
        new ArrayList<>(List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC"));
    private TlsFiles tls;
    private Map<String, String> scramUsers = Map.of();
    private boolean autoCreateTopics;

    /** Formatting plus start-up may take 90 s unless {@link #startTimeout} says otherwise. */
    private Builder() {
      super(Duration.ofSeconds(90));
    }

    /**
     * Adds a SASL_SSL listener on a free port that presents the certificate of {@code tls} and
     * logs in the SCRAM-SHA-512 users {@code scramUsers} (name to password), created when the
     * storage is formatted (their passwords reach the format tool in an owner-only argument file,
     * never on a command line).
     */
    public Builder saslSsl(TlsFiles tls, Map<String, String> scramUsers) {
      this.tls = tls;
      this.scramUsers = Map.copyOf(scramUsers);
      return this;
    }

    /**
     * Whether the broker creates a topic on its first write or read ({@code
     * auto.create.topics.enable}); default false, as on production brokers, so every topic must be
     * created with {@link KafkaBroker#createTopic} and a misspelt one is an error, not a new topic.
     */
    public Builder autoCreateTopics(boolean autoCreateTopics) {
      this.autoCreateTopics = autoCreateTopics;
      return this;
    }

    /** The KRaft controller port; 0, the default, picks a free one. */
    public Builder controllerPort(int controllerPort) {
      this.controllerPort = controllerPort;
      return this;
    }

    /** The broker JVM's maximum heap as for {@code -Xmx}, e.g. {@code "1g"}; default 512m. */
    public Builder heap(String heap) {
      this.heap = heap;
      return this;
    }

    /**
     * Adds an option to the broker's JVM command line, after the defaults {@code
     * -XX:TieredStopAtLevel=1 -XX:+UseSerialGC} (chosen for fast start-up).
     */
    public Builder jvmOption(String option) {
      jvmOptions.add(option);
      return this;
    }

    /**
     * Replaces all extra JVM options, the defaults included; e.g. {@code List.of("-XX:+UseG1GC")}
     * for a broker under sustained load.
     */
    public Builder jvmOptions(List<String> options) {
      jvmOptions.clear();
      jvmOptions.addAll(options);
      return this;
    }

    /**
     * Formats the storage, starts the broker and waits until it answers a describeCluster call.
     *
     * @throws ServerStartException (an IllegalStateException) if the broker does not come up in
     *     time or exits; the message ends with the tail of the broker's log
     */
    public KafkaBroker start() {
      int[] free = FreePorts.pick(3);
      int clientPort = clientPort(free[0]);
      int quorumPort = FreePorts.orFree(controllerPort, free[1]);
      int saslSslPort = tls == null ? 0 : free[2];
      Path dir = openDataDir("beamkit-kafka-");
      Path log = logFileIn(dir, "broker.log");
      Instant deadline = startDeadline();
      ServerProcesses processes = processes("Kafka broker", STOP_GRACE, dir);
      try {
        Path serverProperties =
            KafkaServerConfig.writeServerProperties(
                dir, dir.resolve("data"), clientPort, quorumPort, tls, saslSslPort, autoCreateTopics);
        Path log4jProperties = KafkaServerConfig.writeLog4jProperties(dir);
        Path formatArguments = dir.resolve("format.args");
        JvmLauncher formatTool =
            jvm("kafka.tools.StorageTool", log4jProperties, dir, log)
                .arguments(
                    "format",
                    "--ignore-formatted",
                    "-t",
                    clusterId(dir.resolve("data")),
                    "-c",
                    serverProperties.toString())
                .argumentsFile(formatArguments);
        scramUsers.forEach(
            (user, password) ->
                formatTool.arguments(
                    "--add-scram",
                    KafkaServerConfig.SCRAM + "=[name=" + user + ",password=" + password + "]"));
        try {
          awaitFormatted(processes.launched(formatTool.start()), log, deadline);
        } finally {
          Directories.deleteRecursively(formatArguments);
        }
        Process process =
            processes.launched(
                jvm("kafka.Kafka", log4jProperties, dir, log)
                    .arguments(serverProperties.toString())
                    .start());
        KafkaReadiness.await(process, clientPort, deadline, log);
        return new KafkaBroker(processes, process, clientPort, saslSslPort, dir, log);
      } catch (RuntimeException e) {
        closeAfterFailure(processes, e);
        throw e;
      }
    }

    /** A JVM on the broker's classpath (Kafka's server jars, Scala 2.13) with these settings. */
    private JvmLauncher jvm(String mainClass, Path log4jProperties, Path dir, Path log) {
      return JvmLauncher.of(mainClass)
          .classpath(ServerClasspath.asString("kafka"))
          .jvmOption("-Xmx" + heap)
          .jvmOption("-Djava.awt.headless=true")
          .jvmOption("-Dlog4j.configuration=" + log4jProperties.toUri())
          .jvmOptions(jvmOptions)
          .directory(dir)
          .log(log);
    }

    /**
     * The cluster id of the storage in {@code logDir}, or a new one for empty storage. {@code
     * format --ignore-formatted} keeps formatted storage only if it is given the same id; a new
     * random one makes it fail ("Invalid cluster.id"), and a restarted broker would not start.
     */
    private static String clusterId(Path logDir) {
      Path meta = logDir.resolve("meta.properties");
      if (!Files.exists(meta)) {
        return Uuid.randomUuid().toString();
      }
      Properties properties = new Properties();
      try (Reader reader = Files.newBufferedReader(meta)) {
        properties.load(reader);
      } catch (IOException e) {
        throw new ServerStartException("could not read " + meta, e);
      }
      String id = properties.getProperty("cluster.id");
      if (id == null) {
        throw new ServerStartException(meta + " has no cluster.id");
      }
      return id;
    }

    /**
     * Waits for {@code kafka.tools.StorageTool format} to succeed (an already formatted directory
     * is kept); a format run that hangs is stopped with the broker's other processes.
     */
    private static void awaitFormatted(Process format, Path log, Instant deadline) {
      try {
        long millis = Math.max(0, Duration.between(Instant.now(), deadline).toMillis());
        if (!format.waitFor(millis, TimeUnit.MILLISECONDS)) {
          throw new ServerStartException(
              LogTail.explain("formatting the Kafka storage did not finish in time", log));
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ServerStartException("interrupted while formatting the Kafka storage", e);
      }
      if (format.exitValue() != 0) {
        throw new ServerStartException(
            LogTail.explain(
                "formatting the Kafka storage failed with exit code " + format.exitValue(), log));
      }
    }
  }
}
