package dev.beamkit.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beamkit.localstack.StackState.RecordedProcess;
import dev.beamkit.localstack.StackState.Server;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Reader;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackCliTest {

  @TempDir Path workDir;

  /** Whatever a failed assertion left running is stopped here. */
  @AfterEach
  void stopLeftovers() {
    LocalStackCli.run(
        new String[] {"stop", "--state-dir", stateDir().toString()},
        new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(new ByteArrayOutputStream()));
  }

  private Path stateDir() {
    return workDir.resolve("stack");
  }

  /**
   * Every server once, each command in a JVM of its own as bin/localstack runs it, so the servers
   * must outlive the command that started them.
   */
  @Test
  void startStatusStopRoundTripWithEveryServerInSeparateJvms() throws Exception {
    long started = System.nanoTime();
    Result start = cli("start");
    System.out.printf(
        "localstack start (CLI JVM, Redis then Kafka) took %d ms%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    assertEquals(0, start.code, start.toString());
    assertEquals(List.of("redis", "kafka"), recordedNames());
    assertTrue(start.out.contains("redis  started         uri=redis://127.0.0.1:"), start.out);
    assertTrue(start.out.contains("kafka  started         bootstrap=127.0.0.1:"), start.out);

    started = System.nanoTime();
    Result clusters = cli("start", "flink", "spark");
    System.out.printf(
        "localstack start flink spark (CLI JVM) took %d ms%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    assertEquals(0, clusters.code, clusters.toString());
    assertEquals(List.of("redis", "kafka", "flink", "spark"), recordedNames());
    assertTrue(clusters.out.contains("flink  started         rest=127.0.0.1:"), clusters.out);
    assertTrue(
        clusters.out.contains("spark  started         master=spark://127.0.0.1:"), clusters.out);
    StackState state = StackState.read(stateDir());
    for (Server server : state.servers()) {
      assertTrue(server.running(), server + " should outlive the start command");
    }
    everyPrintedAddressAnswers(state);

    Result status = cli("status");
    assertEquals(0, status.code, status.toString());
    assertEquals(4, status.out.lines().count(), status.out);
    for (Server server : state.servers()) {
      assertTrue(status.out.contains(line(server, "running")), status.out);
    }

    Result again = cli("start", "all");
    assertEquals(0, again.code, again.toString());
    for (Server server : state.servers()) {
      assertTrue(again.out.contains(line(server, "already running")), again.out);
    }

    Result stopClusters = cli("stop", "flink", "spark");
    assertEquals(0, stopClusters.code, stopClusters.toString());
    assertEquals(List.of("redis", "kafka"), recordedNames());
    assertGone(state.server("flink").orElseThrow());
    assertGone(state.server("spark").orElseThrow());
    assertTrue(Files.exists(StackService.FLINK.folder(stateDir()).resolve(FlinkCluster.JOBMANAGER_LOG)));
    assertFalse(Files.exists(StackService.FLINK.data(stateDir())), "Flink scratch deleted");
    assertFalse(Files.exists(StackService.SPARK.data(stateDir())), "Spark scratch deleted");

    Result flinkStatus = cli("status", "flink");
    assertEquals(1, flinkStatus.code, flinkStatus.toString());
    assertEquals("flink  not running\n", flinkStatus.out);

    Result stop = cli("stop");
    assertEquals(0, stop.code, stop.toString());
    assertGone(state.server("redis").orElseThrow());
    assertGone(state.server("kafka").orElseThrow());
    assertFalse(Files.exists(stateDir().resolve("state.properties")));
    assertFalse(Files.exists(StackService.KAFKA.data(stateDir())), "Kafka data deleted");
    assertTrue(Files.exists(StackService.KAFKA.folder(stateDir()).resolve("kafka.log")));

    Result after = cli("status");
    assertEquals(1, after.code, after.toString());
    assertTrue(after.out.startsWith("not running"), after.out);
  }

  /** Kafka, Redis, Flink and Spark answer on the addresses that start printed and recorded. */
  private static void everyPrintedAddressAnswers(StackState state) throws Exception {
    Map<String, String> kafka = state.server("kafka").orElseThrow().endpoints();
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.get("bootstrap")))) {
      assertEquals(1, admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size());
    }
    // Unlike the tests' brokers, this one creates a topic on first write: the README's
    // `bin/beamkit replay` and `run` need no topic tool.
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.get("bootstrap")),
            new StringSerializer(),
            new StringSerializer())) {
      producer.send(new ProducerRecord<>("created-on-first-write", "k", "v")).get(30, TimeUnit.SECONDS);
    }
    Map<String, String> redis = state.server("redis").orElseThrow().endpoints();
    try (Resp client = new Resp(URI.create(redis.get("uri")).getPort())) {
      assertEquals("+PONG", client.call("PING"));
    }
    Map<String, String> flink = state.server("flink").orElseThrow().endpoints();
    JsonNode overview = HttpJson.get(URI.create("http://" + flink.get("rest") + "/overview"));
    assertEquals(2, HttpJson.longMember(overview, "slots-total"));
    Map<String, String> spark = state.server("spark").orElseThrow().endpoints();
    JsonNode master = HttpJson.get(URI.create(spark.get("webui")).resolve("json/"));
    assertEquals(spark.get("master"), master.path("url").asText());
    assertEquals(1, HttpJson.longMember(master, "aliveworkers"));
  }

  @Test
  void failedStartStopsWhatThisCommandStartedAndShowsTheLog() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      Result start =
          inProcess(
              "start", "redis", "kafka",
              "--kafka-port", String.valueOf(taken.getLocalPort()),
              "--state-dir", stateDir().toString());

      assertEquals(1, start.code, start.toString());
      assertTrue(start.out.startsWith("redis  started"), start.out);
      assertTrue(
          start.err.startsWith("localstack: start failed: the Kafka broker exited"), start.err);
      assertTrue(start.err.contains("Address already in use"), start.err);
    }
    assertEquals(List.of(), recordedNames());
    Result status = inProcess("status", "--state-dir", stateDir().toString());
    assertEquals(1, status.code);
  }

  @Test
  void stopWithNothingRunningSucceeds() {
    Result stop = inProcess("stop", "--state-dir", stateDir().toString());
    assertEquals(0, stop.code);
    assertEquals("not running\n", stop.out);
  }

  @Test
  void statusOfServersNeverStartedIsNotRunningWithExitCodeOne() {
    Result status = inProcess("status", "spark", "flink", "--state-dir=" + stateDir());
    assertEquals(1, status.code);
    assertEquals("flink  not running\nspark  not running\n", status.out);
  }

  @Test
  void badCommandLineIsReportedInOneLineWithExitCodeTwo() {
    Result unknown = inProcess("start", "--kafka-prot", "9092");
    assertEquals(2, unknown.code);
    assertEquals("localstack: unknown option --kafka-prot\n", unknown.err);
    assertEquals("", unknown.out);

    Result notAPort = inProcess("start", "--redis-port=six");
    assertEquals(2, notAPort.code);
    assertEquals(
        "localstack: option --redis-port needs a port number from 0 to 65535, not 'six'\n",
        notAPort.err);

    Result missingValue = inProcess("start", "--kafka-port");
    assertEquals(2, missingValue.code);
    assertEquals("localstack: option --kafka-port needs a value\n", missingValue.err);

    Result portOnStop = inProcess("stop", "--kafka-port", "9092");
    assertEquals(2, portOnStop.code);
    assertTrue(portOnStop.err.contains("--kafka-port"), portOnStop.err);

    Result portOfAServerNotStarted = inProcess("start", "kafka", "--flink-port", "8081");
    assertEquals(2, portOfAServerNotStarted.code);
    assertEquals(
        "localstack: option --flink-port applies only to start with flink among the servers\n",
        portOfAServerNotStarted.err);

    Result unknownServer = inProcess("start", "storm");
    assertEquals(2, unknownServer.code);
    assertEquals(
        "localstack: unknown server 'storm' (kafka, redis, flink, spark or all)\n",
        unknownServer.err);

    Result unknownCommand = inProcess("restart", "flink");
    assertEquals(2, unknownCommand.code);
    assertEquals(
        "localstack: unknown command 'restart' (start, status or stop)\n", unknownCommand.err);

    Result secureStop = inProcess("stop", "--secure");
    assertEquals(2, secureStop.code);
    assertEquals("localstack: option --secure applies only to start\n", secureStop.err);

    Result noCommand = inProcess();
    assertEquals(2, noCommand.code);
    assertEquals(1, noCommand.err.lines().count(), noCommand.err);
  }

  /**
   * start --secure prints where the client settings are, and they work: the Kafka client
   * properties over SASL_SSL, the Redis password file for the ACL user over TLS.
   */
  @Test
  void secureStartPrintsTheClientSettingsThatLogIn() throws Exception {
    Result start = cli("start", "--secure");
    assertEquals(0, start.code, start.toString());
    StackState state = StackState.read(stateDir());
    Map<String, String> kafka = state.server("kafka").orElseThrow().endpoints();
    Map<String, String> redis = state.server("redis").orElseThrow().endpoints();
    assertTrue(
        start.out.contains(
            "beamkit options: --kafkaProperties=" + kafka.get("client-properties")
                + " --redisUri=" + redis.get("tls-uri")
                + " --redisPasswordFile=" + redis.get("password-file")
                + " --redisCaCert=" + redis.get("ca-cert") + "\n"),
        start.out);
    String password = Files.readString(Path.of(redis.get("password-file")));
    assertFalse(start.out.contains(password), "the output shows a password");

    Properties client = new Properties();
    try (Reader reader = Files.newBufferedReader(Path.of(kafka.get("client-properties")))) {
      client.load(reader);
    }
    assertEquals(kafka.get("sasl-ssl"), client.getProperty("bootstrap.servers"));
    try (Admin admin = Admin.create(client)) {
      assertFalse(admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).isEmpty());
    }
    assertTrue(Files.readString(Path.of(kafka.get("kcat-config"))).contains("sasl.mechanisms=SCRAM-SHA-512\n"));
    assertTrue(redis.get("tls-uri").startsWith("rediss://beamkit:@127.0.0.1:"), redis.get("tls-uri"));
    try (Resp plain = new Resp(state.server("redis").orElseThrow().port())) {
      assertTrue(plain.call("PING").startsWith("-NOAUTH"), "Redis lets clients in without a password");
      assertEquals("+OK", plain.call("AUTH", "beamkit", password));
    }
  }

  private List<String> recordedNames() {
    return StackState.read(stateDir()).servers().stream().map(Server::name).toList();
  }

  /** The line start and status print for {@code server}, up to its addresses. */
  private static String line(Server server, String status) {
    return String.format(
        "%-6s %-15s %s", server.name(), status, server.endpoints().entrySet().iterator().next());
  }

  private static void assertGone(Server server) {
    for (RecordedProcess process : server.processes()) {
      assertTrue(process.live().isEmpty(), server.name() + " pid " + process.pid() + " still runs");
    }
  }

  private record Result(int code, String out, String err) {}

  /** Runs the CLI in this JVM, for commands that start nothing or fail to. */
  private static Result inProcess(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        LocalStackCli.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs the CLI in a JVM of its own, as bin/localstack does, so servers must outlive it. */
  private Result cli(String... args) throws IOException, InterruptedException {
    List<String> java = new ArrayList<>();
    java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    java.add("-cp");
    java.add(System.getProperty("java.class.path"));
    java.add(LocalStackCli.class.getName());
    java.addAll(List.of(args));
    java.add("--state-dir");
    java.add(stateDir().toString());
    Path out = workDir.resolve("cli.out");
    Path err = workDir.resolve("cli.err");
    Process process =
        new ProcessBuilder(java)
            .directory(workDir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertTrue(process.waitFor(300, TimeUnit.SECONDS), "CLI " + List.of(args) + " did not finish");
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }
}
