package dev.beamkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamkit.localstack.LocalStack;
import dev.beamkit.pipelines.kafka.TopicReader;
import dev.beamkit.pipelines.replay.ReplayRecord;
import dev.beamkit.pipelines.replay.TestdataFile;
import dev.beamkit.pipelines.sensors.SensorDownsample;
import dev.beamkit.transforms.EventTimeExtractor;
import dev.beamkit.transforms.EventTimeParser;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.options.ApplicationNameOptions;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * sensor-downsample on the real clusters of {@link Clusters}, with the sensor input of
 * SensorDownsampleIT: proof from the cluster itself that the job ran there. The Flink session
 * cluster does not yet give that test's results; this pins down what happens instead, so that a
 * change in it shows.
 */
class ClusterTargetsIT {
  private static final Path SENSORS = Path.of("../testdata/sensors.jsonl");

  private final LocalStack stack = LocalStack.shared();

  /**
   * The job reaches the session cluster and runs, but Beam's Flink source cannot read its own
   * splits there: the FlinkRunner sits on the cluster's classpath and deserializes splits with its
   * own classloader, which cannot see KafkaIO in the staged jars.
   */
  @Test
  void flinkClusterRunsTheJobButCannotLoadKafkaSourceSplits() throws Exception {
    String out = Topics.unique("agg-temperature");
    try (RunningJob job = start(RunnerTarget.FLINK_CLUSTER, out)) {
      String name = job.options().getJobName();
      RunningJob.await(
          "job listed RUNNING", RunningJob.PATIENCE, () -> ClusterListing.flinkJobs().contains(name + "/RUNNING"));
      RunningJob.await(
          "the split ClassNotFoundException",
          RunningJob.PATIENCE,
          () -> ClusterListing.flinkExceptions(name).contains("ClassNotFoundException: org.apache.beam.sdk.io.kafka.KafkaUnboundedSource"));
      assertEquals(List.of(), read(out));
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
    Map<String, ExpectedWindows.Bucket> expected = ExpectedWindows.of(SENSORS);
    try (RunningJob job = start(RunnerTarget.SPARK_CLUSTER, out)) {
      String name = job.options().as(ApplicationNameOptions.class).getAppName();
      RunningJob.await(
          "application listed RUNNING", RunningJob.PATIENCE, () -> ClusterListing.sparkApps().contains(name + "/RUNNING"));
      Map<String, JsonNode> windows = new TreeMap<>();
      RunningJob.await(
          "a pane for each of " + expected.size() + " windows",
          RunningJob.PATIENCE,
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
      assertEquals(records().size(), job.metrics().get("parsed"));
    }
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
    Topics.fill(stack, in, 3, records());
    return RunningJob.start(
        target,
        new SensorDownsample(),
        "--bootstrapServers=" + stack.bootstrapServers(),
        "--inputTopic=" + in,
        "--outputTopic=" + out,
        "--deadLetterTopic=" + Topics.unique("dead-letters"),
        "--idleTimeout=1s");
  }

  private static List<ReplayRecord> records() throws Exception {
    return TestdataFile.read(SENSORS, EventTimeExtractor.field("ts", EventTimeParser.auto()));
  }

  private List<?> read(String topic) {
    return TopicReader.readAll(stack.bootstrapServers(), topic, 0, Duration.ofSeconds(1), Duration.ofSeconds(5));
  }
}
