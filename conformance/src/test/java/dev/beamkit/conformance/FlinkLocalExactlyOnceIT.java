package dev.beamkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamkit.localstack.LocalStack;
import dev.beamkit.pipelines.kafka.DeadLetterSink;
import dev.beamkit.pipelines.kafka.TopicReader;
import dev.beamkit.pipelines.runtime.RunningJob;
import dev.beamkit.pipelines.sensors.SensorDownsample;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/**
 * sensor-downsample with {@code --exactlyOnce} on Flink local ({@code runners-config/flink-local.properties},
 * 2 s checkpoints), a live sensor and a few unparseable records with headers of their own. A
 * downstream consumer reading with {@code isolation.level=read_committed} finds every reading
 * counted in its window's final pane and every bad record dead-lettered, each exactly once,
 * headers kept. Both topics are written in Kafka transactions, all committed: each partition's
 * log holds commit markers, its last stable offset reaches its end (no transaction left open),
 * and a {@code read_uncommitted} reader sees no more than a {@code read_committed} one (nothing
 * aborted): a read_committed consumer sees a result only once its transaction has committed.
 *
 * <p>It also measures what exactly-once costs in latency: a result is written only once the
 * checkpoint after its window's end has completed, so it comes up to one checkpoint interval
 * later than without {@code --exactlyOnce}; the printed line gives each result's delay after
 * its window's end (event time is "now"), from the Kafka timestamp of its write (the sink commits
 * right after it writes).
 */
class FlinkLocalExactlyOnceIT {
  private static final Duration WINDOW = Duration.ofSeconds(10);
  private static final long CHECKPOINT_MILLIS = 2_000;
  private static final int BAD_RECORDS = 6;
  /** Windows of the 3 sensors to see written after the bad records: three windows each. */
  private static final int RESULTS_AFTER_BAD_RECORDS = 9;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final LocalStack stack = LocalStack.shared();

  @Test
  void readCommittedOutputHoldsEveryReadingAndEveryBadRecordOnce() throws Exception {
    SensorTopics topics = SensorTopics.create(stack.kafka());
    String out = topics.out();
    String deadLetters = topics.deadLetters();
    try (RunningJob job =
            SensorJobs.start(
                RunnerTarget.FLINK_LOCAL,
                stack,
                topics.in(),
                "--outputTopic=" + out,
                "--deadLetterTopic=" + deadLetters,
                "--consumerGroup=" + Topics.unique("beamkit-sensor-downsample"),
                "--exactlyOnce",
                "--checkpointingInterval=" + CHECKPOINT_MILLIS);
        LiveReadings sensor = LiveReadings.start(stack.bootstrapServers(), topics.in(), 3, 40)) {
      Await.until("the first committed window", Await.PATIENCE, () -> !readCommitted(out).isEmpty());
      List<String> sentBad = sendBadRecords(topics.in());
      int before = readCommitted(out).size();
      Await.until(
          RESULTS_AFTER_BAD_RECORDS + " more committed windows",
          Await.PATIENCE,
          () -> readCommitted(out).size() >= before + RESULTS_AFTER_BAD_RECORDS);
      sensor.close();
      assertEquals(List.of(), sensor.failures(), "sends the producer gave up on");
      List<SensorAudit.Reading> inputs = sensor.acknowledged();

      SensorAudit.Report report =
          SensorAudit.awaitAccounted(
              () -> SensorAudit.of(inputs, readCommitted(out), readCommitted(deadLetters), WINDOW), Await.PATIENCE);
      List<ConsumerRecord<byte[], byte[]>> results = readCommitted(out);
      List<ConsumerRecord<byte[], byte[]>> letters = readCommitted(deadLetters);
      System.out.printf(
          "FlinkLocalExactlyOnceIT audit: %s; %d results, written %s after their window's end"
              + " (%d ms checkpoints)%n",
          report, results.size(), delays(results), CHECKPOINT_MILLIS);
      assertEquals(0, report.lost(), () -> "lost readings: " + report);
      assertEquals(0, report.duplicates(), () -> "results or dead letters written twice: " + report);
      assertEquals(0, report.overCounted(), () -> "readings counted twice: " + report);
      assertEquals(sentBad, badRecordLetters(letters, topics.in()), "bad records dead-lettered once each, headers kept");

      for (String topic : List.of(out, deadLetters)) {
        Await.until(
            "no open transaction on " + topic, Await.PATIENCE, () -> endOffsets(topic, "read_committed")
                .equals(endOffsets(topic, "read_uncommitted")));
        List<ConsumerRecord<byte[], byte[]>> committed = readCommitted(topic);
        List<ConsumerRecord<byte[], byte[]>> all =
            TopicReader.readAll(stack.bootstrapServers(), topic, 0, Duration.ofSeconds(1), Duration.ofSeconds(10));
        assertEquals(identities(committed), identities(all), "records of aborted transactions on " + topic);
        long markers = endOffsets(topic, "read_uncommitted").values().stream().mapToLong(Long::longValue).sum() - all.size();
        assertTrue(markers > 0, () -> topic + " holds no commit marker: not written in transactions");
      }
    }
  }

  /**
   * Unparseable records, each with a header of its own, spread over the sensors' partitions;
   * returns each as {@link #letterOf} describes it.
   */
  private List<String> sendBadRecords(String topic) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    List<String> sent = new ArrayList<>();
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      for (int i = 0; i < BAD_RECORDS; i++) {
        String value = "not json " + i;
        Header trace = new RecordHeader("trace-id", ("bad-" + i).getBytes(StandardCharsets.UTF_8));
        producer.send(new ProducerRecord<>(topic, i % 3, "Sensor" + (i % 3), value, List.of(trace)));
        sent.add(value + " " + List.of("trace-id=bad-" + i));
      }
    }
    return sent;
  }

  /**
   * The dead letters of unparseable input from {@code in}, each as "value [input headers]" (the
   * headers before beamkit's own), in the order written.
   */
  private static List<String> badRecordLetters(List<ConsumerRecord<byte[], byte[]>> letters, String in) {
    List<String> found = new ArrayList<>();
    for (ConsumerRecord<byte[], byte[]> letter : letters) {
      String value = new String(letter.value(), StandardCharsets.UTF_8);
      if (!value.startsWith("not json")) {
        continue;
      }
      assertEquals(in, SensorDownsampleIT.header(letter, DeadLetterSink.TOPIC));
      List<String> inputHeaders = new ArrayList<>();
      for (Header h : letter.headers()) {
        if (h.key().startsWith("beamkit.")) {
          break;
        }
        inputHeaders.add(h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8));
      }
      found.add(value + " " + inputHeaders);
    }
    found.sort(null);
    return found;
  }

  /** Median and largest gap between a result's write and its window's end. */
  private static String delays(List<ConsumerRecord<byte[], byte[]>> results) throws IOException {
    long[] millis = new long[results.size()];
    for (int i = 0; i < millis.length; i++) {
      ConsumerRecord<byte[], byte[]> r = results.get(i);
      millis[i] = r.timestamp() - JSON.readTree(r.value()).get("time").asLong();
    }
    Arrays.sort(millis);
    return millis.length == 0
        ? "(none)"
        : String.format("median %.1f s, at most %.1f s", millis[millis.length / 2] / 1e3, millis[millis.length - 1] / 1e3);
  }

  /** What identifies a write: partition, offset, key and value. */
  private static List<String> identities(List<ConsumerRecord<byte[], byte[]>> records) {
    return records.stream()
        .map(r -> r.partition() + "@" + r.offset() + " " + Arrays.toString(r.key()) + "=" + Arrays.toString(r.value()))
        .sorted()
        .toList();
  }

  /**
   * The end offset of each partition of {@code topic} for a consumer of {@code isolation}: the
   * last stable offset for {@code read_committed}, the log's end otherwise.
   */
  private Map<TopicPartition, Long> endOffsets(String topic, String isolation) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "beamkit-offsets-" + UUID.randomUUID());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
      return consumer.endOffsets(partitions);
    }
  }

  private List<ConsumerRecord<byte[], byte[]>> readCommitted(String topic) {
    return TopicReader.readCommitted(stack.bootstrapServers(), topic, 0, Duration.ofSeconds(1), Duration.ofSeconds(10));
  }
}
