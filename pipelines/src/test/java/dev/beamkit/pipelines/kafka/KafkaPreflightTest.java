package dev.beamkit.pipelines.kafka;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamkit.localstack.LocalStack;
import dev.beamkit.pipelines.options.BeamkitOptions;
import dev.beamkit.pipelines.options.OptionError;
import dev.beamkit.pipelines.options.Settings;
import dev.beamkit.pipelines.sensors.SensorDownsample;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.jupiter.api.Test;

/** Configuration mistakes on the Kafka side end the launch at once, with one line naming the option. */
class KafkaPreflightTest {
  private final LocalStack stack = LocalStack.shared();

  private static Settings settings(String... args) {
    return Settings.of(PipelineOptionsFactory.fromArgs(args).as(BeamkitOptions.class), SensorDownsample.DEFAULTS);
  }

  private static int closedPort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  @Test
  void bootstrapServersWhereNoBrokerListensAreNamedWithinTheTimeout() throws IOException {
    String servers = "127.0.0.1:" + closedPort();
    long start = System.nanoTime();
    OptionError error = assertThrows(OptionError.class, () -> KafkaPreflight.check(settings("--bootstrapServers=" + servers)));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertEquals("--bootstrapServers=" + servers + ": no Kafka broker answered within 8 s; check the address and security.protocol", error.getMessage());
    assertTrue(took.compareTo(Duration.ofSeconds(12)) < 0, () -> "took " + took);
  }

  @Test
  void anInputTopicThatDoesNotExistIsNamed() {
    String topic = "no-such-topic-" + UUID.randomUUID();
    OptionError error =
        assertThrows(
            OptionError.class,
            () -> KafkaPreflight.check(settings("--bootstrapServers=" + stack.bootstrapServers(), "--inputTopic=" + topic)));
    assertEquals("--inputTopic=" + topic + ": no such topic on " + stack.bootstrapServers(), error.getMessage());
  }

  @Test
  void anExistingInputTopicPassesWhileTheBrokerCreatesOutputTopicsOnWrite() {
    String topic = "preflight-" + UUID.randomUUID();
    stack.kafka().createTopic(topic, 1);
    assertDoesNotThrow(
        () -> KafkaPreflight.check(settings("--bootstrapServers=" + stack.bootstrapServers(), "--inputTopic=" + topic)));
  }

  /** As a user runs it: the pipeline's main in a JVM of its own, which must exit 2 with one line. */
  @Test
  void theLaunchExitsWithOneLineWithinFifteenSeconds() throws Exception {
    String servers = "127.0.0.1:" + closedPort();
    Path java = Path.of(System.getProperty("java.home"), "bin", "java");
    Process launch =
        new ProcessBuilder(
                List.of(
                    java.toString(),
                    "-cp",
                    System.getProperty("java.class.path"),
                    SensorDownsample.class.getName(),
                    "--bootstrapServers=" + servers))
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    boolean ended = launch.waitFor(15, TimeUnit.SECONDS);
    if (!ended) {
      launch.destroyForcibly();
    }
    String stderr = new String(launch.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).strip();
    assertTrue(ended, "still running after 15 s; stderr: " + stderr);
    assertEquals(2, launch.exitValue(), stderr);
    assertEquals("sensor-downsample: --bootstrapServers=" + servers + ": no Kafka broker answered within 8 s; check the address and security.protocol", stderr);
  }
}
