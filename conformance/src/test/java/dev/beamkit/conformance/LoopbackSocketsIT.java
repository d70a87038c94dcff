package dev.beamkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.beamkit.localstack.FlinkCluster;
import dev.beamkit.localstack.LocalStack;
import dev.beamkit.localstack.SparkCluster;
import dev.beamkit.pipelines.kafka.TopicReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Every server the project starts listens on loopback only: the whole local stack (Kafka, Redis,
 * the Flink session cluster, the Spark standalone cluster with its executors) and a pipeline run
 * by {@code bin/beamkit run}, its runner's own servers included (Flink's REST endpoint and blob
 * server, Spark's driver, block manager and web UI). Read from /proc while the pipeline writes
 * its output. Without bin/beamkit's SPARK_LOCAL_IP and FLINK_CONF_DIR defaults, Spark's driver
 * listens on the host name's LAN address and its UI and Flink's REST endpoint on every interface.
 */
class LoopbackSocketsIT {
  @TempDir Path tmp;

  private final LocalStack stack = LocalStack.shared();

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = RunnerTarget.class, names = {"FLINK_LOCAL", "SPARK_LOCAL"})
  void everyListeningSocketIsOnLoopback(RunnerTarget target) throws Exception {
    FlinkCluster flink = Clusters.flink();
    SparkCluster spark = Clusters.spark();
    String in = Topics.unique("raw-temp-data");
    String out = Topics.unique("agg-temperature");
    Topics.fill(stack, in, 1, SensorJobs.records(SensorJobs.SENSORS));
    Path dir = Files.createDirectories(tmp.resolve("beamkit-sockets"));
    List<String> args = new ArrayList<>(List.of(
        "sensor-downsample", "--config=" + target.configFile(), "--bootstrapServers=" + stack.bootstrapServers(),
        "--inputTopic=" + in, "--outputTopic=" + out, "--idleTimeout=1s", "--createTopics"));
    if (target == RunnerTarget.SPARK_LOCAL) {
      args.add("--checkpointDir=" + dir.resolve("checkpoint"));
    }
    try (PipelineProcess pipeline =
        PipelineProcess.start(dir.resolve("pipeline.log"), List.of(), args.toArray(new String[0]))) {
      Await.until(
          "the pipeline's first window",
          Await.PATIENCE,
          () -> !TopicReader.readAll(stack.bootstrapServers(), out, 0, Duration.ZERO, Duration.ofSeconds(2)).isEmpty());

      Map<String, Set<Long>> servers = new LinkedHashMap<>();
      servers.put("kafka", Set.of(stack.kafka().pid()));
      servers.put("redis", Set.of(stack.redis().pid()));
      servers.put("flink jobmanager", Set.of(flink.pid()));
      servers.put("flink taskmanager", Set.copyOf(flink.taskManagerPids()));
      servers.put("spark master", Set.of(spark.masterPid()));
      servers.put("spark worker", ListeningSockets.withDescendants(spark.workerPid()));
      servers.put("pipeline on " + target, ListeningSockets.withDescendants(pipeline.pid()));
      List<ListeningSockets.Socket> notLoopback = new ArrayList<>();
      servers.forEach(
          (name, pids) -> {
            List<ListeningSockets.Socket> sockets = ListeningSockets.of(pids);
            System.out.println(name + " listens on " + sockets);
            assertFalse(sockets.isEmpty(), name + " listens on nothing: the test would prove nothing");
            sockets.stream().filter(s -> !s.loopback()).forEach(notLoopback::add);
          });
      assertEquals(List.of(), notLoopback, "sockets listening beyond loopback");
    }
  }
}
