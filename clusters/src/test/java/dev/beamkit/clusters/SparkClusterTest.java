package dev.beamkit.clusters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/** One real Spark Master and Worker for the whole class; the last test closes them. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SparkClusterTest {

  private static SparkCluster spark;

  @BeforeAll
  static void startCluster() {
    spark = SparkCluster.start();
    ProcessStats.report("spark master JVM", spark.startupTime(), spark.masterPid());
    ProcessStats.report("spark worker JVM", spark.startupTime(), spark.workerPid());
  }

  @AfterAll
  static void closeCluster() {
    if (spark != null) {
      spark.close();
    }
  }

  @Test
  @Order(1)
  void masterJsonListsOneAliveWorkerWithTwoCores() throws Exception {
    Object status = HttpJson.get(spark.webUiUrl().resolve("json/"));

    assertEquals("ALIVE", Json.member(status, "status"));
    assertEquals(spark.masterUrl(), Json.member(status, "url"));
    assertEquals(1, Json.longMember(status, "aliveworkers"));
    List<?> workers = (List<?>) Json.member(status, "workers");
    assertEquals(1, workers.size());
    Map<?, ?> worker = (Map<?, ?>) workers.get(0);
    assertEquals("ALIVE", worker.get("state"));
    assertEquals(2L, worker.get("cores"));
    assertEquals("127.0.0.1", worker.get("host"));
  }

  @Test
  @Order(2)
  void masterUrlAndWebUiAreOnLoopback() {
    assertEquals("spark://127.0.0.1:" + spark.masterPort(), spark.masterUrl());
    URI ui = spark.webUiUrl();
    assertEquals("127.0.0.1", ui.getHost());
  }

  @Test
  @Order(3)
  void pidsAreTheMasterAndWorkerJvms() {
    ProcessHandle master = ProcessHandle.of(spark.masterPid()).orElseThrow();
    ProcessHandle worker = ProcessHandle.of(spark.workerPid()).orElseThrow();

    assertTrue(JvmLauncher.runs(master, SparkCluster.MASTER_CLASS));
    assertTrue(JvmLauncher.runs(worker, SparkCluster.WORKER_CLASS));
  }

  @Test
  @Order(4)
  void classpathHasScala212() {
    List<Path> jars = ClusterClasspath.jars("spark");

    assertTrue(
        jars.stream().anyMatch(j -> j.getFileName().toString().startsWith("scala-library-2.12.")),
        jars.toString());
    assertTrue(jars.stream().anyMatch(j -> j.getFileName().toString().startsWith("spark-core_2.12-3.5")));
  }

  @Test
  @Order(100)
  void closeEndsBothJvmsFreesThePortsAndDeletesTheWorkDirectory() {
    long master = spark.masterPid();
    long worker = spark.workerPid();
    Path workDir = spark.masterLog().getParent();

    spark.close();

    assertTrue(ProcessStats.isGone(worker), "worker " + worker + " still alive");
    assertTrue(ProcessStats.isGone(master), "master " + master + " still alive");
    assertFalse(spark.isRunning());
    assertTrue(ProcessStats.canBind(spark.masterPort()), "master port still taken");
    assertTrue(ProcessStats.canBind(spark.webUiUrl().getPort()), "web UI port still taken");
    assertFalse(Files.exists(workDir), workDir + " still there");
  }
}
