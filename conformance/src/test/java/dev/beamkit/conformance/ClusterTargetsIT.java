package dev.beamkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamkit.localstack.LocalStack;
import dev.beamkit.pipelines.kafka.TopicReader;
import dev.beamkit.pipelines.replay.TestdataFile;
import dev.beamkit.pipelines.sensors.SensorDownsample;
import dev.beamkit.transforms.EventTimeExtractor;
import dev.beamkit.transforms.EventTimeParser;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * sensor-downsample on the real Flink session cluster of {@link Clusters}: proof that the job runs
 * there, in the cluster's own JVMs, and not in the test JVM. SensorDownsampleIT and the other
 * Kafka-fed tests compare the cluster's results in full.
 */
class ClusterTargetsIT {
  private static final Path SENSORS = Path.of("../testdata/sensors.jsonl");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final LocalStack stack = LocalStack.shared();

  /**
   * The job submitted over REST is listed RUNNING by the cluster's own {@code /jobs/overview},
   * and the windows it writes to Kafka are the expected ones. (With Beam and the FlinkRunner on
   * the cluster's classpath it was listed RUNNING too, but its source could not load KafkaIO's
   * splits and wrote nothing.)
   */
  @Test
  void flinkClusterListsTheJobRunningAndItWritesEveryWindow() throws Exception {
    String in = Topics.unique("raw-temp-data");
    String out = Topics.unique("agg-temperature");
    Topics.fill(
        stack, in, 3, TestdataFile.read(SENSORS, EventTimeExtractor.field("ts", EventTimeParser.auto())));
    Map<String, ExpectedWindows.Bucket> expected = ExpectedWindows.of(SENSORS);

    try (RunningJob job =
        RunningJob.start(
            RunnerTarget.FLINK_CLUSTER,
            new SensorDownsample(),
            "--bootstrapServers=" + stack.bootstrapServers(),
            "--inputTopic=" + in,
            "--outputTopic=" + out,
            "--deadLetterTopic=" + Topics.unique("dead-letters"),
            "--idleTimeout=1s")) {
      String name = job.options().getJobName();
      RunningJob.await(
          "job " + name + " listed RUNNING",
          RunningJob.PATIENCE,
          () -> ClusterListing.flinkJobs().contains(name + "/RUNNING"));

      Map<String, String> stats = new TreeMap<>();
      RunningJob.await(
          "a pane for each of " + expected.size() + " windows",
          RunningJob.PATIENCE,
          () -> {
            for (ConsumerRecord<byte[], byte[]> r :
                TopicReader.readAll(stack.bootstrapServers(), out, 0, Duration.ofSeconds(1), Duration.ofSeconds(10))) {
              JsonNode w = json(r.value());
              JsonNode t = w.get("temperature");
              stats.put(
                  w.get("time").asLong() + "/" + w.get("sensor").asText(),
                  stats(t.get("count").asLong(), t.get("min").asDouble(), t.get("max").asDouble()));
            }
            return stats.size() >= expected.size();
          });
      Map<String, String> want = new TreeMap<>();
      expected.forEach((window, b) -> want.put(window, stats(b.count, b.min, b.max)));
      assertEquals(want, stats);
      assertTrue(
          ClusterListing.flinkJobs().contains(name + "/RUNNING"),
          () -> "still running after its output: " + ClusterListing.flinkJobs());
    }
  }

  private static String stats(long count, double min, double max) {
    return "count=" + count + " min=" + min + " max=" + max;
  }

  private static JsonNode json(byte[] bytes) {
    try {
      return MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
