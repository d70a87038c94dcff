package dev.beamkit.pipelines.kafka;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamkit.localstack.KafkaBroker;
import dev.beamkit.localstack.LocalStack;
import dev.beamkit.pipelines.LaunchInItsOwnJvm;
import dev.beamkit.pipelines.options.BeamkitOptions;
import dev.beamkit.pipelines.options.OptionError;
import dev.beamkit.pipelines.options.Settings;
import dev.beamkit.pipelines.sensors.SensorDownsample;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;

/**
 * Configuration mistakes on the Kafka side end the launch at once, with one line naming the
 * option. The shared broker refuses to create topics on first write, as production brokers do.
 */
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

  private String existingTopic() {
    String topic = "preflight-" + UUID.randomUUID();
    stack.kafka().createTopic(topic, 1);
    return topic;
  }

  private static Set<String> topicsOn(String servers) throws Exception {
    try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, servers))) {
      return admin.listTopics().names().get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void bootstrapServersWhereNothingListensAreNamedAtOnce() throws IOException {
    String servers = "127.0.0.1:" + closedPort();
    long start = System.nanoTime();
    OptionError error = assertThrows(OptionError.class, () -> KafkaPreflight.check(settings("--bootstrapServers=" + servers)));
    Duration took = Duration.ofNanos(System.nanoTime() - start);
    assertEquals("--bootstrapServers=" + servers + ": nothing listens there (connection refused); check the address", error.getMessage());
    // The connection is refused at once: no wait for the Kafka client's timeout.
    assertTrue(took.compareTo(KafkaPreflight.PATIENCE.dividedBy(2)) < 0, () -> "took " + took);
  }

  /** Accepts connections (the kernel does, into the backlog) and never says a word, like a frozen broker or a listener that speaks another protocol. */
  private static ServerSocket silentListener() throws IOException {
    return new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
  }

  private static String noKafkaAnswer(String servers) {
    return "--bootstrapServers=" + servers + ": no Kafka answer within 5 s (a frozen broker, another service at that address,"
        + " or a listener of another security.protocol); check the address and security.protocol";
  }

  @Test
  void aListenerThatGivesNoKafkaAnswerIsNamedWithinTheFirstAnswersTimeout() throws IOException {
    try (ServerSocket silent = silentListener()) {
      String servers = "127.0.0.1:" + silent.getLocalPort();
      long start = System.nanoTime();
      OptionError error = assertThrows(OptionError.class, () -> KafkaPreflight.check(settings("--bootstrapServers=" + servers)));
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertEquals(noKafkaAnswer(servers), error.getMessage());
      assertTrue(took.compareTo(KafkaPreflight.FIRST_ANSWER.plusSeconds(4)) < 0, () -> "took " + took);
    }
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
  void anOutputTopicThatDoesNotExistIsNamedOnABrokerThatDoesNotCreateTopics() {
    String output = "no-such-output-" + UUID.randomUUID();
    OptionError error =
        assertThrows(
            OptionError.class,
            () ->
                KafkaPreflight.check(
                    settings(
                        "--bootstrapServers=" + stack.bootstrapServers(),
                        "--inputTopic=" + existingTopic(),
                        "--outputTopic=" + output)));
    assertEquals(
        "--outputTopic=" + output + ": no such topic on " + stack.bootstrapServers()
            + ", and the broker does not create topics on first write; create it, or launch with --createTopics",
        error.getMessage());
  }

  @Test
  void createTopicsCreatesTheMissingOutputAndDeadLetterTopicsButNotTheInput() throws Exception {
    String input = existingTopic();
    String output = "created-output-" + UUID.randomUUID();
    String deadLetters = "created-dead-letters-" + UUID.randomUUID();
    String[] args = {
      "--bootstrapServers=" + stack.bootstrapServers(),
      "--inputTopic=" + input,
      "--outputTopic=" + output,
      "--deadLetterTopic=" + deadLetters,
      "--createTopics"
    };
    KafkaPreflight.check(settings(args));
    assertTrue(topicsOn(stack.bootstrapServers()).containsAll(List.of(output, deadLetters)));
    // A second launch finds them and creates nothing.
    assertDoesNotThrow(() -> KafkaPreflight.check(settings(args)));

    String missingInput = "no-such-topic-" + UUID.randomUUID();
    args[1] = "--inputTopic=" + missingInput;
    OptionError error = assertThrows(OptionError.class, () -> KafkaPreflight.check(settings(args)));
    assertEquals("--inputTopic=" + missingInput + ": no such topic on " + stack.bootstrapServers(), error.getMessage());
  }

  @Test
  void missingOutputTopicsPassOnABrokerThatCreatesTopicsOnWrite() {
    try (KafkaBroker creating = KafkaBroker.builder().autoCreateTopics(true).start()) {
      String input = "preflight-" + UUID.randomUUID();
      creating.createTopic(input, 1);
      assertDoesNotThrow(
          () -> KafkaPreflight.check(settings("--bootstrapServers=" + creating.bootstrapServers(), "--inputTopic=" + input)));
    }
  }

  @Test
  void theLaunchExitsWithOneLineWithinFifteenSeconds() throws Exception {
    String servers = "127.0.0.1:" + closedPort();
    LaunchInItsOwnJvm.Result launch = LaunchInItsOwnJvm.run(SensorDownsample.class, "--bootstrapServers=" + servers);
    assertEquals(2, launch.exit(), launch.stderr());
    assertEquals("sensor-downsample: --bootstrapServers=" + servers + ": nothing listens there (connection refused); check the address", launch.stderr());
  }

  @Test
  void aLaunchAtAListenerThatGivesNoKafkaAnswerExitsWithOneLineWithinFifteenSeconds() throws Exception {
    try (ServerSocket silent = silentListener()) {
      String servers = "127.0.0.1:" + silent.getLocalPort();
      LaunchInItsOwnJvm.Result launch = LaunchInItsOwnJvm.run(SensorDownsample.class, "--bootstrapServers=" + servers);
      assertEquals(2, launch.exit(), launch.stderr());
      assertEquals("sensor-downsample: " + noKafkaAnswer(servers), launch.stderr());
    }
  }

  @Test
  void aLaunchOnAMissingInputTopicExitsWithOneLineNamingItWithinFifteenSeconds() throws Exception {
    String topic = "no-such-topic-" + UUID.randomUUID();
    LaunchInItsOwnJvm.Result launch = LaunchInItsOwnJvm.run(SensorDownsample.class, "--bootstrapServers=" + stack.bootstrapServers(), "--inputTopic=" + topic);
    assertEquals(2, launch.exit(), launch.stderr());
    assertEquals("sensor-downsample: --inputTopic=" + topic + ": no such topic on " + stack.bootstrapServers(), launch.stderr());
  }
}
