package dev.beamkit.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.SparkConf;
import org.apache.spark.api.java.JavaSparkContext;
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
    JsonNode status = HttpJson.get(spark.webUiUrl().resolve("json/"));

    assertEquals("ALIVE", status.path("status").asText());
    assertEquals(spark.masterUrl(), status.path("url").asText());
    assertEquals(1, HttpJson.longMember(status, "aliveworkers"));
    JsonNode workers = status.path("workers");
    assertEquals(1, workers.size());
    JsonNode worker = workers.get(0);
    assertEquals("ALIVE", worker.path("state").asText());
    assertEquals(2L, HttpJson.longMember(worker, "cores"));
    assertEquals("127.0.0.1", worker.path("host").asText());
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
    List<Path> jars = ServerClasspath.jars("spark");

    assertTrue(
        jars.stream().anyMatch(j -> j.getFileName().toString().startsWith("scala-library-2.12.")),
        jars.toString());
    assertTrue(jars.stream().anyMatch(j -> j.getFileName().toString().startsWith("spark-core_2.12-3.5")));
  }

  @Test
  @Order(5)
  void sparkContextInThisJvmRunsAJobOnTheWorkersExecutor() {
    SparkConf conf =
        new SparkConf()
            .setMaster(spark.masterUrl())
            .setAppName("beamkit-smoke")
            .set("spark.driver.host", "127.0.0.1")
            .set("spark.driver.bindAddress", "127.0.0.1")
            .set("spark.executor.memory", "512m")
            .set("spark.ui.enabled", "false");
    List<Double> numbers = new ArrayList<>();
    for (int i = 1; i <= 1000; i++) {
      numbers.add((double) i);
    }
    try (JavaSparkContext sc = new JavaSparkContext(conf)) {
      double sum = sc.parallelizeDoubles(numbers, 4).sum();

      assertEquals(500500.0, sum);
      // The driver plus at least one executor: the tasks ran on the Worker, not in this JVM.
      assertTrue(sc.sc().statusTracker().getExecutorInfos().length >= 2, "no executor registered");
      List<ProcessHandle> executors =
          ProcessHandle.of(spark.workerPid()).orElseThrow().descendants().toList();
      assertEquals(1, executors.size(), "executor JVMs under the worker");
      System.out.printf(
          "[measure] spark executor JVM (pid %d, 512m heap): RSS %d MiB%n",
          executors.get(0).pid(), ProcessStats.rssMiB(executors.get(0).pid()));
    }
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
