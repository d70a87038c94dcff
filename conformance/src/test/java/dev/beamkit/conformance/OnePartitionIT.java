package dev.beamkit.conformance;

import static dev.beamkit.conformance.SensorJobs.SENSORS;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamkit.localstack.LocalStack;
import dev.beamkit.pipelines.kafka.TopicReader;
import dev.beamkit.pipelines.runtime.RunningJob;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * sensor-downsample reading a topic of ONE partition, as {@code bin/beamkit replay} creates it,
 * with the Flink option files' parallelism 2: one source subtask reads the partition, the other
 * has no Kafka split at all. Every window must still close. It does because Beam's split
 * enumerator tells the split-less subtask "no more splits", whereupon that subtask ends (END_OF_INPUT)
 * and its watermark no longer counts; a subtask that stayed up without a split would hold every
 * window open (a by-hand run once looked like that; not seen again here).
 */
class OnePartitionIT {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final LocalStack stack = LocalStack.shared();

  static Stream<RunnerTarget> flink() {
    return Stream.of(RunnerTarget.FLINK_LOCAL, RunnerTarget.FLINK_CLUSTER);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("flink")
  void everyWindowClosesThoughOneSourceSubtaskHasNoPartition(RunnerTarget target) throws Exception {
    String in = Topics.unique("raw-temp-data");
    String out = Topics.unique("agg-temperature");
    Topics.fill(stack, in, 1, SensorJobs.records(SENSORS));
    Map<String, ExpectedWindows.Bucket> expected = ExpectedWindows.of(SENSORS);

    try (RunningJob job = SensorJobs.start(target, stack, in, "--outputTopic=" + out)) {
      Map<String, Long> counts = new TreeMap<>();
      Await.until(
          "a pane for each of " + expected.size() + " windows",
          Await.PATIENCE,
          () -> {
            for (ConsumerRecord<byte[], byte[]> r :
                TopicReader.readAll(stack.bootstrapServers(), out, 0, Duration.ofSeconds(1), Duration.ofSeconds(10))) {
              JsonNode w = json(r.value());
              counts.put(
                  w.get("time").asLong() + "/" + w.get("sensor").asText(),
                  w.get("temperature").get("count").asLong());
            }
            return counts.size() >= expected.size();
          });
      Map<String, Long> want = new TreeMap<>();
      expected.forEach((window, bucket) -> want.put(window, bucket.count));
      assertEquals(want, counts);
    }
  }

  private static JsonNode json(byte[] bytes) {
    try {
      return MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new AssertionError(e);
    }
  }
}
