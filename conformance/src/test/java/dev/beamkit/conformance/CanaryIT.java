package dev.beamkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamkit.localstack.SecuredStack;
import dev.beamkit.pipelines.replay.ReplayRecord;
import dev.beamkit.pipelines.replay.TestdataFile;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The canaries are the secured servers' passwords — new random ones every test run, given to the
 * pipeline by reference only: Kafka's in the {@code ${file:...}} of {@code --kafkaProperties},
 * Redis's in {@code --redisPasswordFile}. event-counts runs with them as {@code bin/beamkit run}
 * runs it (a JVM of its own), reads Kafka over SASL_SSL and writes Redis over TLS, and neither
 * password may show anywhere a user or an onlooker could look: the run's output and logs, the
 * servers' logs, every process's command line, Flink's REST job configuration and plan, Spark's
 * checkpoint and event-log directories, the launcher's error lines.
 */
class CanaryIT {
  private static final Pattern JOB_ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f]{32})\"");

  /** Deleted after each test, run output, checkpoints and event logs included. */
  @TempDir Path tmp;

  private final SecuredServers secured = SecuredServers.get();
  private final SecuredStack stack = secured.stack();

  private List<String> canaries() {
    return List.of(stack.kafkaPassword(), stack.redisPassword());
  }

  /** Starts event-counts on {@code target} with its own temp directory; waits for its counts. */
  private PipelineProcess runUntilCounted(RunnerTarget target, Path dir, List<String> jvmOptions, String... more)
      throws Exception {
    String in = Topics.unique("user-events");
    String prefix = Topics.unique("canary") + ":";
    List<ReplayRecord> records = TestdataFile.read(EventCountsIT.EVENTS, null);
    Topics.fill(stack.kafka(), in, 1, records);
    List<String> args = new ArrayList<>(List.of("event-counts", "--config=" + target.configFile()));
    args.addAll(List.of(secured.securedOptions(more)));
    args.addAll(List.of("--inputTopic=" + in, "--keyPrefix=" + prefix, "--createTopics"));
    PipelineProcess pipeline =
        PipelineProcess.start(dir.resolve("pipeline.log"), jvmOptions, args.toArray(new String[0]));
    try {
      Await.until(
          "event counts in Redis (output so far: " + dir.resolve("pipeline.log") + ")",
          Await.PATIENCE,
          () -> {
            assertTrue(pipeline.isAlive(), pipeline::output);
            return secured.redisValues(prefix).values().stream().mapToLong(Long::parseLong).sum() == records.size();
          });
      return pipeline;
    } catch (Exception | AssertionError e) {
      pipeline.close();
      throw e;
    }
  }

  private void assertNoCanaryIn(String where, String text) {
    assertFalse(text.isEmpty(), where + " is empty: the check would prove nothing");
    for (String canary : canaries()) {
      assertFalse(text.contains(canary), "a password shows in " + where);
    }
  }

  private void assertNoCanaryInFilesUnder(Path dir) throws IOException {
    List<Path> files;
    try (Stream<Path> all = Files.walk(dir)) {
      files = all.filter(Files::isRegularFile).toList();
    }
    assertFalse(files.isEmpty(), dir + " holds no file: the check would prove nothing");
    for (Path file : files) {
      try {
        assertNoCanaryIn(file.toString(), new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1) + " ");
      } catch (NoSuchFileException cleanedUp) {
        // A cluster deletes a cancelled job's blobs while we read.
      }
    }
  }

  /** Every process's command line on this machine, the pipeline's JVM among them. */
  private void assertNoCanaryOnAnyCommandLine() throws IOException {
    int read = 0;
    try (DirectoryStream<Path> processes = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
      for (Path process : processes) {
        try {
          String commandLine = new String(Files.readAllBytes(process.resolve("cmdline")), StandardCharsets.UTF_8);
          for (String canary : canaries()) {
            assertFalse(commandLine.contains(canary), "a password shows on the command line of " + process);
          }
          read++;
        } catch (IOException ended) {
          // The process ended while we looked.
        }
      }
    }
    assertTrue(read > 0);
  }

  private void assertNoCanaryInTheServersLogs() throws IOException {
    assertNoCanaryIn("the Kafka broker's log", Files.readString(stack.kafka().logFile()));
    assertNoCanaryIn("the Redis log", Files.readString(stack.redis().logFile()));
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  private static String get(int port, String path) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).build(), HttpResponse.BodyHandlers.ofString());
    assertEquals(200, response.statusCode(), path + ": " + response.body());
    return response.body();
  }

  /** A Flink configuration directory that puts the local cluster's REST API on {@code port}. */
  private static Path flinkConfDir(Path dir, int port) throws IOException {
    Path conf = Files.createDirectories(dir.resolve("flink-conf"));
    Files.writeString(conf.resolve("flink-conf.yaml"), "rest.port: " + port + "\nrest.bind-address: 127.0.0.1\n");
    return conf;
  }

  @Test
  void onFlinkLocalNoPasswordShowsInTheRestApiTheOutputOrACommandLine() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("beamkit-canary-flink"));
    int rest = freePort();
    String config;
    String plan;
    try (PipelineProcess pipeline =
        runUntilCounted(RunnerTarget.FLINK_LOCAL, dir, List.of(), "--flinkConfDir=" + flinkConfDir(dir, rest))) {
      Matcher job = JOB_ID.matcher(get(rest, "/jobs"));
      assertTrue(job.find(), "no job listed");
      config = get(rest, "/jobs/" + job.group(1) + "/config");
      plan = get(rest, "/jobs/" + job.group(1) + "/plan");
      assertNoCanaryOnAnyCommandLine();
    }
    // What was looked at is the job's configuration: it holds beamkit's options, by reference.
    assertTrue(config.contains("kafkaProperties") && config.contains("redisPasswordFile"), config);
    assertNoCanaryIn("Flink's /jobs/<id>/config", config);
    assertNoCanaryIn("Flink's /jobs/<id>/plan", plan);
    assertNoCanaryIn("the run's output", Files.readString(dir.resolve("pipeline.log")));
    assertNoCanaryInTheServersLogs();
  }

  @Test
  void onSparkLocalNoPasswordShowsInCheckpointsEventLogsTheOutputOrACommandLine() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("beamkit-canary-spark"));
    Path events = Files.createDirectories(dir.resolve("events"));
    Path checkpoint = dir.resolve("checkpoint");
    try (PipelineProcess pipeline =
        runUntilCounted(
            RunnerTarget.SPARK_LOCAL,
            dir,
            List.of("-Dspark.eventLog.enabled=true", "-Dspark.eventLog.dir=" + events.toUri()),
            "--checkpointDir=" + checkpoint)) {
      assertNoCanaryOnAnyCommandLine();
    }
    assertNoCanaryInFilesUnder(checkpoint);
    assertNoCanaryInFilesUnder(events);
    assertNoCanaryIn("the run's output", Files.readString(dir.resolve("pipeline.log")));
    assertNoCanaryInTheServersLogs();
  }

  /**
   * On the Flink session cluster the task JVMs resolve the references; the cluster's REST API,
   * its logs and its working directory (checkpoints included) show neither password.
   */
  @Test
  void onTheFlinkClusterNoPasswordShowsInTheRestApiItsLogsOrItsFiles() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("beamkit-canary-flink-cluster"));
    String jobName = Topics.unique("beamkit-canary");
    int rest = Clusters.flink().restPort();
    String config;
    String plan;
    try (PipelineProcess pipeline =
        runUntilCounted(
            RunnerTarget.FLINK_CLUSTER, dir, List.of(),
            "--flinkMaster=" + Clusters.flink().restAddress(),
            "--filesToStage=" + ClusterJobJars.filesToStage("flink"),
            "--stateBackendStoragePath=" + Clusters.flinkCheckpoints().toUri(),
            "--jobName=" + jobName)) {
      Matcher job = Pattern.compile("\"jid\"\\s*:\\s*\"([0-9a-f]{32})\"\\s*,\\s*\"name\"\\s*:\\s*\"" + jobName + "\"")
          .matcher(get(rest, "/jobs/overview"));
      assertTrue(job.find(), "job " + jobName + " not listed");
      config = get(rest, "/jobs/" + job.group(1) + "/config");
      plan = get(rest, "/jobs/" + job.group(1) + "/plan");
      assertNoCanaryOnAnyCommandLine();
    }
    assertTrue(config.contains("kafkaProperties") && config.contains("redisPasswordFile"), config);
    assertNoCanaryIn("the Flink cluster's /jobs/<id>/config", config);
    assertNoCanaryIn("the Flink cluster's /jobs/<id>/plan", plan);
    assertNoCanaryIn("the run's output", Files.readString(dir.resolve("pipeline.log")));
    assertNoCanaryInFilesUnder(Path.of("target/flink-cluster"));
  }

  /**
   * A password typed into {@code --redisUri} is on that launcher's own command line (nothing can
   * change that), but the launcher takes it out of the options before Flink gets them, and a bad
   * URI's error line shows {@code ***}.
   */
  @Test
  void aPasswordInTheRedisUriReachesNeitherFlinksJobConfigNorAnErrorLine() throws Exception {
    Path dir = Files.createDirectories(tmp.resolve("beamkit-canary-literal"));
    int rest = freePort();
    String literal = stack.redisTlsUri().replace(SecuredStack.USER + ":@", SecuredStack.USER + ":" + stack.redisPassword() + "@");
    String config;
    try (PipelineProcess pipeline =
        runUntilCounted(
            RunnerTarget.FLINK_LOCAL, dir, List.of(),
            "--flinkConfDir=" + flinkConfDir(dir, rest), "--redisUri=" + literal, "--redisPasswordFile=")) {
      Matcher job = JOB_ID.matcher(get(rest, "/jobs"));
      assertTrue(job.find(), "no job listed");
      config = get(rest, "/jobs/" + job.group(1) + "/config");
    }
    assertTrue(config.contains("redisUri"), config);
    assertNoCanaryIn("Flink's /jobs/<id>/config", config);
    assertNoCanaryIn("the run's output", Files.readString(dir.resolve("pipeline.log")));

    Path badLog = dir.resolve("bad-uri.log");
    try (PipelineProcess bad =
        PipelineProcess.start(
            badLog, List.of(), "event-counts", "--config=" + RunnerTarget.FLINK_LOCAL.configFile(),
            "--redisUri=" + literal.replace("/0", "/zero"))) {
      Await.until("the launcher to stop", Await.PATIENCE, () -> !bad.isAlive());
    }
    String error = Files.readString(badLog);
    assertTrue(error.contains("--redisUri=rediss://beamkit:***@127.0.0.1:"), error);
    assertNoCanaryIn("the bad URI's error line", error);
  }
}
