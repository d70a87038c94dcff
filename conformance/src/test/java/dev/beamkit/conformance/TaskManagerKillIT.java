package dev.beamkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beamkit.localstack.FlinkCluster;
import dev.beamkit.localstack.LocalStack;
import dev.beamkit.pipelines.PipelineLauncher;
import dev.beamkit.pipelines.runtime.RestJson;
import dev.beamkit.pipelines.runtime.RunnerProfile;
import dev.beamkit.pipelines.runtime.RunningJob;
import dev.beamkit.pipelines.kafka.TopicReader;
import dev.beamkit.pipelines.options.OptionError;
import dev.beamkit.pipelines.sensors.SensorDownsample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A TaskManager of the Flink session cluster is killed (SIGKILL) while sensor-downsample runs
 * with {@code --exactlyOnce} and RocksDB state, as production Flink jobs with large state run:
 * Flink restarts the job from its last checkpoint on the TaskManager that is left, and a
 * downstream consumer reading with {@code isolation.level=read_committed} finds every reading
 * counted in its window's final pane, and no result or dead letter twice — although the restarted
 * job computes again, and writes again, what it did between that checkpoint and the kill. A new
 * job started afterwards with the same consumer group is refused at launch: the exactly-once sink
 * would find the first job's progress in Kafka and fail on the cluster over and over.
 *
 * <p>The cluster is this class's own (the shared one must keep its TaskManager): 2 TaskManagers
 * with 2 slots each, so that the job's 2 slots are still there when one is gone.
 */
class TaskManagerKillIT {
  private static final Duration WINDOW = Duration.ofSeconds(10);
  private static final int BAD_RECORDS = 5;
  @TempDir static Path checkpoints;
  private static FlinkCluster flink;
  private final LocalStack stack = LocalStack.shared();

  /**
   * Logs in a directory of this run's own under {@code target/} (kept for a look after a failure):
   * which TaskManager to kill is read from them, so an earlier run's must not be there.
   */
  @BeforeAll
  static void startCluster() throws IOException {
    Path logs = Files.createTempDirectory(Files.createDirectories(Path.of("target")), "flink-taskmanager-kill-");
    flink = FlinkCluster.builder().taskManagers(2).slotsPerTaskManager(2).workDirectory(logs).start();
  }

  @AfterAll
  static void stopCluster() {
    flink.close();
  }

  @Test
  void aKilledTaskManagerLosesNoReadingAndExactlyOnceWritesNothingTwice() throws Exception {
    SensorTopics topics = SensorTopics.create(stack.kafka());
    String in = topics.in();
    String out = topics.out();
    String deadLetters = topics.deadLetters();
    String group = Topics.unique("beamkit-sensor-downsample");
    String jobName = Topics.unique("beamkit-taskmanager-kill");
    String[] args =
        RunnerProfile.of(
            new String[] {
              "--config=" + RunnerTarget.FLINK_CLUSTER.configFile(),
              "--flinkMaster=" + flink.restAddress(),
              "--filesToStage=" + ClusterJobJars.filesToStage("flink"),
              "--jobName=" + jobName,
              "--stateBackend=rocksdb",
              "--stateBackendStoragePath=" + checkpoints.toUri(),
              "--checkpointingInterval=2000",
              "--exactlyOnce",
              "--bootstrapServers=" + stack.bootstrapServers(),
              "--inputTopic=" + in,
              "--outputTopic=" + out,
              "--deadLetterTopic=" + deadLetters,
              "--consumerGroup=" + group,
              "--idleTimeout=1s"
            }).args();
    long started = System.nanoTime();
    try (RunningJob job = RunningJob.start(PipelineLauncher.create(new SensorDownsample(), args));
        LiveReadings sensor = LiveReadings.start(stack.bootstrapServers(), in, 3, 40)) {
      Await.until("the first committed window", Await.PATIENCE, () -> !read(out).isEmpty());
      sendBadRecords(in, "before");
      Thread.sleep(5_000);
      String jobId = jobId(jobName);
      int victim = aTaskManagerRunningTasks();
      ProcessHandle.of(flink.taskManagerPids().get(victim - 1)).orElseThrow().destroyForcibly();
      long killed = System.nanoTime();
      Await.until(
          "the job restored from a checkpoint and RUNNING",
          Await.PATIENCE,
          () -> restarts(jobId) >= 1 && state(jobId).equals("RUNNING"));
      long running = System.nanoTime();
      int before = read(out).size();
      Await.until(
          "windows committed after the restart", Await.PATIENCE, () -> read(out).size() > before);
      sendBadRecords(in, "after");
      Thread.sleep(10_000);
      sensor.close();
      assertEquals(List.of(), sensor.failures(), "sends the producer gave up on");
      List<SensorAudit.Reading> inputs = sensor.acknowledged();

      SensorAudit.Report report =
          SensorAudit.awaitAccounted(
              () -> SensorAudit.of(inputs, read(out), read(deadLetters), WINDOW), Await.PATIENCE);
      System.out.printf(
          "TaskManagerKillIT audit: %s; TaskManager %d killed %.0f s after the launch, job RUNNING"
              + " again %.0f s later, %d restores from a checkpoint; %.0f s in all%n",
          report,
          victim,
          seconds(killed - started),
          seconds(running - killed),
          restarts(jobId),
          seconds(System.nanoTime() - started));
      assertEquals(0, report.lost(), () -> "lost readings: " + report);
      assertEquals(0, report.duplicates(), () -> "results or dead letters written twice: " + report);
      assertEquals(0, report.overCounted(), () -> "readings counted twice: " + report);
      List<ConsumerRecord<byte[], byte[]>> parseLetters =
          read(deadLetters).stream().filter(l -> header(l, "beamkit.source.offset") != null)
              .filter(l -> new String(l.value(), StandardCharsets.UTF_8).startsWith("not json")).toList();
      assertEquals(2 * BAD_RECORDS, parseLetters.size(), "bad records dead-lettered once each, headers kept");
    }
    OptionError again =
        assertThrows(OptionError.class, () -> PipelineLauncher.launch(new SensorDownsample(), args));
    assertEquals(
        "--consumerGroup=" + group + ": an earlier --exactlyOnce job wrote " + out + " under group "
            + group + "-eos-" + out + ", whose progress a new job cannot take over; start it with a"
            + " new --consumerGroup",
        again.getMessage());
  }

  /** Unparseable records, which must reach the dead-letter topic through its exactly-once sink. */
  private void sendBadRecords(String topic, String when) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      for (int i = 0; i < BAD_RECORDS; i++) {
        producer.send(new ProducerRecord<>(topic, i % 3, "Sensor" + (i % 3), "not json " + when + " " + i));
      }
    }
  }

  /**
   * A TaskManager (from 1) that was given tasks of the job, as its log says: with 4 slots for a job
   * of 2, Flink may have put the whole job on one of them.
   */
  private static int aTaskManagerRunningTasks() throws IOException {
    for (int i = 1; i <= 2; i++) {
      if (Files.readString(flink.taskManagerLog(i)).contains("Received task")) {
        return i;
      }
    }
    throw new AssertionError("no TaskManager log tells of a task: " + flink.taskManagerLog(1));
  }

  private static String jobId(String name) {
    for (JsonNode job : RestJson.get(flink.restUrl().resolve("jobs/overview")).get("jobs")) {
      if (job.get("name").asText().equals(name)) {
        return job.get("jid").asText();
      }
    }
    throw new AssertionError("job " + name + " is not listed by the cluster");
  }

  private static String state(String jobId) {
    return RestJson.get(flink.restUrl().resolve("jobs/" + jobId)).get("state").asText();
  }

  /** How often Flink restored the job from a checkpoint, as its checkpoint statistics count it. */
  private static long restarts(String jobId) {
    return RestJson.get(flink.restUrl().resolve("jobs/" + jobId + "/checkpoints"))
        .get("counts")
        .get("restored")
        .asLong();
  }

  private List<ConsumerRecord<byte[], byte[]>> read(String topic) {
    return TopicReader.readCommitted(stack.bootstrapServers(), topic, 0, Duration.ofSeconds(1), Duration.ofSeconds(10));
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    var h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }

  private static double seconds(long nanos) {
    return nanos / 1e9;
  }
}
