package dev.beamkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamkit.localstack.KafkaBroker;
import dev.beamkit.localstack.ProcessFreeze;
import dev.beamkit.pipelines.kafka.TopicReader;
import dev.beamkit.pipelines.runtime.RunningJob;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The broker goes away for 20 s while a sensor keeps reading "now" and its producer buffers:
 * frozen (SIGSTOP, as in a long GC pause or a stalled VM), or stopped and started again on the
 * same port and data directory (a broker restart). When the broker is back, every reading must be
 * counted in its window or be a dead letter. Before the idle rule asked the broker, every
 * partition looked idle during the outage, the watermark ran ahead on the wall clock, and what
 * the sensor sent meanwhile was dropped as too late — about every reading of the outage, silently.
 *
 * <p>The broker is this class's own (the shared one must not be frozen under other tests), on
 * fixed ports and a data directory that a restart keeps.
 */
class BrokerOutageIT {
  private static final Duration OUTAGE = Duration.ofSeconds(20);
  private static final Duration WINDOW = Duration.ofSeconds(10);
  @TempDir static Path dataDir;
  private static int port;
  private static int controllerPort;
  private static KafkaBroker broker;

  @BeforeAll
  static void startBroker() throws IOException {
    port = freePort();
    controllerPort = freePort();
    broker = startOnTheSamePortAndData();
  }

  @AfterAll
  static void stopBroker() {
    broker.close();
  }

  private static KafkaBroker startOnTheSamePortAndData() {
    return KafkaBroker.builder().port(port).controllerPort(controllerPort).dataDir(dataDir).start();
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }

  static Stream<RunnerTarget> targets() {
    return Stream.of(RunnerTarget.DIRECT, RunnerTarget.FLINK_LOCAL, RunnerTarget.SPARK_LOCAL);
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void aFrozenBrokerLosesNoReading(RunnerTarget target) throws Exception {
    liveReadingsThrough(
        target,
        () -> {
          try (ProcessFreeze frozen = ProcessFreeze.of(broker.pid())) {
            Thread.sleep(OUTAGE.toMillis());
          }
        });
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("targets")
  void aBrokerRestartedOnItsPortAndDataLosesNoReading(RunnerTarget target) throws Exception {
    liveReadingsThrough(
        target,
        () -> {
          broker.close();
          Thread.sleep(OUTAGE.toMillis());
          broker = startOnTheSamePortAndData();
        });
  }

  /** An outage of the broker while the job runs and the sensor sends. */
  private interface Outage {
    void happen() throws Exception;
  }

  /**
   * Starts sensor-downsample on {@code target} and a live sensor, lets {@code outage} happen once
   * the first window is out, goes on sending for 12 s after it, and audits everything sent.
   */
  private static void liveReadingsThrough(RunnerTarget target, Outage outage) throws Exception {
    SensorTopics topics = SensorTopics.create(broker);
    String in = topics.in();
    String out = topics.out();
    String deadLetters = topics.deadLetters();
    try (RunningJob job =
            SensorJobs.start(target, broker.bootstrapServers(), in, "--outputTopic=" + out, "--deadLetterTopic=" + deadLetters);
        LiveReadings sensor = LiveReadings.start(broker.bootstrapServers(), in, 3, 40)) {
      Await.until("the first window", Await.PATIENCE, () -> !read(out, Duration.ofSeconds(2)).isEmpty());
      outage.happen();
      Thread.sleep(12_000);
      sensor.close();
      assertEquals(List.of(), sensor.failures(), "sends the producer gave up on");
      List<SensorAudit.Reading> inputs = sensor.acknowledged();

      SensorAudit.Report report = SensorAudit.awaitAccounted(() -> audit(inputs, out, deadLetters), Await.PATIENCE);
      System.out.println("BrokerOutageIT[" + target + "] audit: " + report);
      assertEquals(0, report.lost(), () -> "lost readings: " + report);
      assertEquals(0, report.tooLate(), () -> "readings dropped as too late: " + report);
      assertEquals(0, report.overCounted(), () -> "readings counted twice: " + report);
    }
  }

  private static SensorAudit.Report audit(List<SensorAudit.Reading> inputs, String out, String deadLetters) {
    return SensorAudit.of(inputs, read(out, Duration.ofSeconds(1)), read(deadLetters, Duration.ofSeconds(1)), WINDOW);
  }

  private static List<ConsumerRecord<byte[], byte[]>> read(String topic, Duration quiet) {
    return TopicReader.readAll(broker.bootstrapServers(), topic, 0, quiet, Duration.ofSeconds(10));
  }
}
