package dev.beamkit.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

/** One real Flink cluster JVM for the whole class; the last test closes it. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FlinkClusterTest {

  private static FlinkCluster flink;

  @BeforeAll
  static void startCluster() {
    flink = FlinkCluster.start();
    ProcessStats.report("flink cluster JVM", flink.startupTime(), flink.pid());
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
    Object overview = HttpJson.get(flink.restUrl().resolve("overview"));

    assertEquals(1, Json.longMember(overview, "taskmanagers"));
    assertEquals(2, Json.longMember(overview, "slots-total"));
    assertEquals("1.19.0", Json.member(overview, "flink-version"));
  }

  @Test
  @Order(2)
  void restAddressIsLoopbackHostAndPortForFlinkMaster() {
    assertEquals("127.0.0.1:" + flink.restPort(), flink.restAddress());
    assertEquals("http://127.0.0.1:" + flink.restPort() + "/", flink.restUrl().toString());
  }

  @Test
  @Order(3)
  void pidIsTheJvmRunningTheEntryPointAndLogsToItsFile() throws Exception {
    ProcessHandle process = ProcessHandle.of(flink.pid()).orElseThrow();

    assertTrue(JvmLauncher.runs(process, FlinkCluster.MAIN_CLASS), process.info().toString());
    assertFalse(JvmLauncher.runs(process, SparkCluster.MASTER_CLASS));
    assertTrue(
        Files.readString(flink.logFile()).contains("Started Flink mini cluster"),
        "log lacks the entry point's start line");
  }

  @Test
  @Order(4)
  void classpathHasFlinkButNoScalaLibrary() {
    List<Path> jars = ServerClasspath.jars("flink");

    assertTrue(jars.stream().anyMatch(j -> j.getFileName().toString().startsWith("flink-runtime-1.19")));
    assertFalse(jars.stream().anyMatch(j -> j.getFileName().toString().startsWith("scala-")));
  }

  @Test
  @Order(5)
  void jarUploadedOverRestRunsToCompletionOnBothSlots() throws Exception {
    FlinkRest rest = new FlinkRest(flink.restUrl());

    String jarId = rest.upload("beamkit-smoke.jar", FlinkRest.jarOf(FlinkSmokeJob.class));
    String jobId = rest.run(jarId, FlinkSmokeJob.class.getName(), 2);
    Object job = rest.awaitTerminal(jobId, Duration.ofSeconds(60));
    System.out.printf(
        "[measure] flink cluster JVM after the smoke job: RSS %d MiB%n",
        ProcessStats.rssMiB(flink.pid()));

    assertEquals("FINISHED", Json.member(job, "state"), () -> LogTail.of(flink.logFile()));
    List<?> vertices = (List<?>) Json.member(job, "vertices");
    assertEquals(2, vertices.size(), "source and sink, split by rebalance()");
    Object sink = vertices.get(1);
    assertEquals(2L, Json.longMember(sink, "parallelism"));
    assertEquals(
        FlinkSmokeJob.RECORDS, Json.longMember(Json.member(sink, "metrics"), "read-records"));
  }

  @Test
  @Order(100)
  void closeEndsTheJvmFreesThePortAndDeletesTheWorkDirectory() {
    long pid = flink.pid();
    int port = flink.restPort();
    Path workDir = flink.logFile().getParent();

    flink.close();

    assertTrue(ProcessStats.isGone(pid), "cluster JVM " + pid + " still alive");
    assertFalse(flink.isRunning());
    assertTrue(ProcessStats.canBind(port), "REST port " + port + " still taken");
    assertFalse(Files.exists(workDir), workDir + " still there");
  }
}
