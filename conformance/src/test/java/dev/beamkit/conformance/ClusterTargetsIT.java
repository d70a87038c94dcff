package dev.beamkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamkit.localstack.LocalStack;
import dev.beamkit.pipelines.kafka.TopicReader;
import dev.beamkit.pipelines.replay.ReplayRecord;
import dev.beamkit.pipelines.replay.TestdataFile;
import dev.beamkit.pipelines.sensors.SensorDownsample;
import dev.beamkit.transforms.EventTimeExtractor;
import dev.beamkit.transforms.EventTimeParser;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * sensor-downsample on the real clusters of {@link Clusters}, with the sensor input of
 * SensorDownsampleIT. The Flink session cluster does not yet give that test's results; this pins
 * down what happens instead, so that a change in it shows.
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
