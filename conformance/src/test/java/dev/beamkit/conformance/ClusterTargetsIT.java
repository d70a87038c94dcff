package dev.beamkit.conformance;

import static dev.beamkit.conformance.SensorJobs.SENSORS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamkit.localstack.LocalStack;
import dev.beamkit.pipelines.kafka.TopicReader;
import dev.beamkit.pipelines.runtime.RunningJob;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.options.ApplicationNameOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * sensor-downsample on the real clusters of {@link Clusters}, with the sensor input of
 * SensorDownsampleIT: proof from the cluster itself (Flink's REST API, the Spark master's JSON
 * status) that the job runs there, in the cluster's own JVMs and not in the test JVM, while it
 * writes every expected window. SensorDownsampleIT and the other Kafka-fed tests compare the
 * clusters' results in full.
 */
class ClusterTargetsIT {

  private final LocalStack stack = LocalStack.shared();

  /**
   * The job submitted over REST is listed RUNNING by the cluster's own {@code /jobs/overview},
   * and the windows it writes to Kafka are the expected ones. (With Beam and the FlinkRunner on
   * the cluster's classpath it was listed RUNNING too, but its source could not load KafkaIO's
   * splits and wrote nothing.)
   */
  @Test
  void flinkClusterListsTheJobRunningAndItWritesEveryWindow() throws Exception {
    String out = Topics.unique("agg-temperature");
    try (RunningJob job = start(RunnerTarget.FLINK_CLUSTER, out)) {
      String name = job.options().getJobName();
      Await.until(
          "job " + name + " listed RUNNING",
          Await.PATIENCE,
          () -> ClusterListing.flinkJobs().contains(name + "/RUNNING"));
      assertEveryWindowArrives(out);
      assertTrue(
          ClusterListing.flinkJobs().contains(name + "/RUNNING"),
          () -> "still running after its output: " + ClusterListing.flinkJobs());
    }
  }

  /**
   * The Spark master lists the application RUNNING under its name while its executors, JVMs the
   * Worker started, read Kafka and write every window of the recomputation; their counters reach
   * the driver in this JVM.
   */
  @Test
  void sparkClusterRunsTheApplicationAndWritesEveryWindow() throws Exception {
    String out = Topics.unique("agg-temperature");
    try (RunningJob job = start(RunnerTarget.SPARK_CLUSTER, out)) {
      String name = job.options().as(ApplicationNameOptions.class).getAppName();
      Await.until(
          "application listed RUNNING", Await.PATIENCE, () -> ClusterListing.sparkApps().contains(name + "/RUNNING"));
      assertEveryWindowArrives(out);
      assertEquals(SensorJobs.records(SENSORS).size(), job.metrics().get("parsed"));
    }
  }

  /** Waits for a pane of every expected window in {@code out}; the last ones hold its stats. */
  private void assertEveryWindowArrives(String out) throws Exception {
    Map<String, ExpectedWindows.Bucket> expected = ExpectedWindows.of(SENSORS);
    Map<String, JsonNode> windows = new TreeMap<>();
    Await.until(
        "a pane for each of " + expected.size() + " windows",
        Await.PATIENCE,
        () -> {
          windows.putAll(lastPanes(out));
          return windows.size() >= expected.size();
        });
    assertEquals(expected.keySet(), windows.keySet());
    expected.forEach(
        (window, want) -> {
          JsonNode t = windows.get(window).get("temperature");
          assertEquals(want.count, t.get("count").asLong(), window);
          assertEquals(want.min, t.get("min").asDouble(), 1e-9, window);
          assertEquals(want.max, t.get("max").asDouble(), 1e-9, window);
          assertEquals(want.mean(), t.get("mean").asDouble(), 1e-9, window);
        });
  }

  /** "window end/sensor" → the last pane written for that window. */
  private Map<String, JsonNode> lastPanes(String topic) {
    ObjectMapper mapper = new ObjectMapper();
    Map<String, JsonNode> panes = new TreeMap<>();
    for (ConsumerRecord<byte[], byte[]> r :
        TopicReader.readAll(stack.bootstrapServers(), topic, 0, Duration.ofSeconds(1), Duration.ofSeconds(10))) {
      try {
        JsonNode w = mapper.readTree(r.value());
        panes.put(w.get("time").asLong() + "/" + w.get("sensor").asText(), w);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return panes;
  }

  private RunningJob start(RunnerTarget target, String out) throws Exception {
    String in = Topics.unique("raw-temp-data");
    Topics.fill(stack, in, 3, SensorJobs.records(SENSORS));
    return SensorJobs.start(target, stack, in, "--outputTopic=" + out);
  }
}
