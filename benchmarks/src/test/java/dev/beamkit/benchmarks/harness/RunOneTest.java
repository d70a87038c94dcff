package dev.beamkit.benchmarks.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamkit.benchmarks.KafkaTopics;
import dev.beamkit.benchmarks.Mode;
import dev.beamkit.benchmarks.RunContext;
import dev.beamkit.benchmarks.Workload;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** A child JVM sees exactly the run its parent described. */
class RunOneTest {

  @Test
  void kafkaRunSurvivesTheCommandLine() {
    RunContext sent =
        new RunContext(
            "20240301-120000-flink-native-kafka",
            new Workload(12_345, 99, Instant.parse("2024-03-01T12:00:00.250Z")),
            Mode.KAFKA,
            3,
            new KafkaTopics("127.0.0.1:9092", "raw-temp-data-x", 4, "agg-temperature-x"),
            4_321,
            Duration.ofMinutes(7));
    assertEquals(sent, received(sent));
  }

  @Test
  void memoryRunSurvivesTheCommandLine() {
    RunContext sent =
        new RunContext("r-memory", Workload.of(10), Mode.MEMORY, 2, null, 5, Duration.ofSeconds(90));
    assertEquals(sent, received(sent));
  }

  private static RunContext received(RunContext sent) {
    RunOne child = new RunOne();
    new CommandLine(child).parseArgs(RunOne.args("flink-native", sent, Path.of("result.json")).toArray(String[]::new));
    assertEquals("flink-native", child.impl);
    assertEquals(Path.of("result.json"), child.result);
    return child.context();
  }
}
