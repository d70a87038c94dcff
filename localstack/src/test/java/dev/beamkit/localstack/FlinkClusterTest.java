package dev.beamkit.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** One real Flink cluster (JobManager and TaskManager JVMs) for the whole class; the last test closes it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlinkClusterTest {

  private static FlinkCluster flink;

  @BeforeAll
  static void startCluster() {
    flink = FlinkCluster.start();
    ProcessStats.report("flink JobManager JVM", flink.startupTime(), flink.pid());
  }

  @AfterAll
  static void closeCluster() {
    if (flink != null) {
      flink.close();
    }
  }

  @Test
  @Order(1)
  void overviewReportsOneTaskManagerWithTwoSlots() throws Exception {
    JsonNode overview = HttpJson.get(flink.restUrl().resolve("overview"));

    assertEquals(1, HttpJson.longMember(overview, "taskmanagers"));
    assertEquals(2, HttpJson.longMember(overview, "slots-total"));
    assertEquals("1.19.0", overview.path("flink-version").asText());
  }

  @Test
  @Order(2)
  void restAddressIsLoopbackHostAndPortForFlinkMaster() {
    assertEquals("127.0.0.1:" + flink.restPort(), flink.restAddress());
    assertEquals("http://127.0.0.1:" + flink.restPort() + "/", flink.restUrl().toString());
  }

  @Test
  @Order(3)
  void pidsAreTheJobManagerAndTaskManagerJvmsEachLoggingToItsFile() throws Exception {
    ProcessHandle jobManager = ProcessHandle.of(flink.pid()).orElseThrow();
    List<Long> taskManagers = flink.taskManagerPids();
    assertEquals(1, taskManagers.size());
    ProcessHandle taskManager = ProcessHandle.of(taskManagers.get(0)).orElseThrow();

    assertTrue(JvmLauncher.runs(jobManager, FlinkCluster.JOBMANAGER_CLASS), jobManager.info().toString());
    assertTrue(JvmLauncher.runs(taskManager, FlinkCluster.TASKMANAGER_CLASS), taskManager.info().toString());
    assertTrue(
        Files.readString(flink.logFile())
            .contains("Rest endpoint listening at " + flink.restAddress()),
        "JobManager log lacks the REST endpoint's start line");
    assertTrue(
        Files.readString(flink.taskManagerLog(1)).contains("Successful registration at resource manager"),
        "TaskManager log lacks its registration");
  }

  @Test
  @Order(4)
  void classpathIsFlinkAloneWithoutBeamOrScala() {
    List<String> jars =
        ServerClasspath.jars("flink").stream().map(j -> j.getFileName().toString()).toList();

    assertTrue(jars.stream().anyMatch(j -> j.startsWith("flink-runtime-1.19.0")), jars.toString());
    assertTrue(jars.stream().anyMatch(j -> j.startsWith("flink-streaming-java-1.19.0")), jars.toString());
    assertFalse(jars.stream().anyMatch(j -> j.startsWith("beam-")), jars.toString());
    assertFalse(jars.stream().anyMatch(j -> j.startsWith("scala-")), jars.toString());
  }

  @Test
  @Order(5)
  void jarUploadedOverRestRunsToCompletionOnBothSlots() throws Exception {
    FlinkRest rest = new FlinkRest(flink.restUrl());

    String jarId = rest.upload("beamkit-smoke.jar", FlinkRest.jarOf(FlinkSmokeJob.class));
    String jobId = rest.run(jarId, FlinkSmokeJob.class.getName(), 2);
    JsonNode job = rest.awaitTerminal(jobId, Duration.ofSeconds(60));
    System.out.printf(
        "[measure] flink JVMs after the smoke job: JobManager RSS %d MiB, TaskManager RSS %d MiB%n",
        ProcessStats.rssMiB(flink.pid()),
        ProcessStats.rssMiB(flink.taskManagerPids().get(0)));

    assertEquals("FINISHED", job.path("state").asText(), () -> LogTail.of(flink.logFile()));
    JsonNode vertices = job.path("vertices");
    assertEquals(2, vertices.size(), "source and sink, split by rebalance()");
    JsonNode sink = vertices.get(1);
    assertEquals(2L, HttpJson.longMember(sink, "parallelism"));
    assertEquals(
        FlinkSmokeJob.RECORDS, HttpJson.longMember(sink.path("metrics"), "read-records"));
  }

  @Test
  @Order(100)
  void closeEndsEveryJvmFreesThePortAndDeletesTheWorkDirectory() {
    long pid = flink.pid();
    List<Long> taskManagers = flink.taskManagerPids();
    int port = flink.restPort();
    Path workDir = flink.logFile().getParent();

    flink.close();

    assertTrue(ProcessStats.isGone(pid), "JobManager JVM " + pid + " still alive");
    for (long taskManager : taskManagers) {
      assertTrue(ProcessStats.isGone(taskManager), "TaskManager JVM " + taskManager + " still alive");
    }
    assertFalse(flink.isRunning());
    assertTrue(ProcessStats.canBind(port), "REST port " + port + " still taken");
    assertFalse(Files.exists(workDir), workDir + " still there");
  }
}
