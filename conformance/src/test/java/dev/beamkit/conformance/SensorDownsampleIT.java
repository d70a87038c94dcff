package dev.beamkit.conformance;

import static dev.beamkit.conformance.SensorJobs.SENSORS;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamkit.localstack.LocalStack;
import dev.beamkit.pipelines.kafka.DeadLetterSink;
import dev.beamkit.pipelines.kafka.TopicReader;
import dev.beamkit.pipelines.replay.ReplayRecord;
import dev.beamkit.pipelines.replay.TestdataFile;
import dev.beamkit.pipelines.runtime.RunningJob;
import dev.beamkit.transforms.time.EventTimeExtractor;
import dev.beamkit.transforms.time.EventTimeParser;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * sensor-downsample end to end on the real broker: testdata/sensors.jsonl and
 * testdata/bad-records.jsonl go into a 3-partition topic, the pipeline runs on each runner, and
 * its output topic and dead-letter topic are compared with the same independent recomputation.
 * The bad records carry headers of their own, which their dead letters keep.
 */
class SensorDownsampleIT {
  private static final Path BAD = Path.of("../testdata/bad-records.jsonl");
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private final LocalStack stack = LocalStack.shared();

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.beamkit.conformance.RunnerTarget#all")
  void windowsMatchARecomputationAndEveryBadRecordIsDeadLetteredOnce(RunnerTarget target) throws Exception {
    String in = Topics.unique("raw-temp-data");
    String out = Topics.unique("agg-temperature");
    String dlq = Topics.unique("dead-letters");
    EventTimeExtractor ts = EventTimeExtractor.field("ts", EventTimeParser.auto());
    List<String> kinds = kinds(BAD);
    // Bad records first: their good lines are early in event time, so none of them is late. Each
    // bad one carries headers of its own, which its dead letter must keep, first and in order.
    List<ReplayRecord> bad = new ArrayList<>();
    List<String> sentBad = new ArrayList<>();
    List<ReplayRecord> read = TestdataFile.read(BAD, ts);
    assertEquals(read.size(), kinds.size());
    for (int i = 0; i < read.size(); i++) {
      ReplayRecord r = read.get(i);
      if (kinds.get(i).equals("good")) {
        bad.add(r);
      } else {
        List<Header> headers =
            List.of(new RecordHeader("trace-id", utf8("bad-" + i)), new RecordHeader("kind", utf8(kinds.get(i))));
        bad.add(new ReplayRecord(r.key(), r.value(), r.timestampMillis(), headers));
        sentBad.add(keyAndValue(r.key(), r.value()) + " " + headers(headers));
      }
    }
    List<ReplayRecord> records = new ArrayList<>(bad);
    records.addAll(TestdataFile.read(SENSORS, ts));
    Topics.fill(stack, in, 3, records);
    Map<String, ExpectedWindows.Bucket> expected = ExpectedWindows.of(BAD, SENSORS);
    int deadLetters = sentBad.size();

    try (RunningJob job =
        SensorJobs.start(target, stack, in, "--outputTopic=" + out, "--deadLetterTopic=" + dlq)) {
      Await.until(
          "every record parsed or dead-lettered",
          Await.PATIENCE,
          () -> job.metrics().get("parsed") + job.metrics().get("dead-lettered") == records.size());
      assertEquals(records.size() - deadLetters, job.metrics().get("parsed"));
      assertEquals(deadLetters, job.metrics().get("dead-lettered"));

      Map<String, JsonNode> lastPane = new TreeMap<>();
      List<JsonNode> emptyPanes = new ArrayList<>();
      Await.until(
          "a pane for each of " + expected.size() + " windows",
          Await.PATIENCE,
          () -> {
            for (ConsumerRecord<byte[], byte[]> r :
                TopicReader.readAll(stack.bootstrapServers(), out, 0, Duration.ofSeconds(1), Duration.ofSeconds(10))) {
              JsonNode w = json(r.value());
              assertEquals(w.get("sensor").asText(), new String(r.key(), StandardCharsets.UTF_8));
              if (w.get("temperature").get("count").asLong() == 0) {
                emptyPanes.add(w);
              } else {
                lastPane.put(w.get("time").asLong() + "/" + w.get("sensor").asText(), w);
              }
            }
            return lastPane.size() >= expected.size();
          });
      assertEquals(expected.keySet(), lastPane.keySet());
      // No runner writes an empty pane: TriggeredWindows fires ON_TIME only when the pane has data
      // (Beam 2.62's Flink runner wrote a count-0 pane per window before that; SensorScenariosIT).
      assertEquals(List.of(), emptyPanes);
      expected.forEach(
          (window, want) -> {
            JsonNode got = lastPane.get(window);
            JsonNode t = got.get("temperature");
            assertEquals(want.count, t.get("count").asLong(), window);
            assertEquals(want.min, t.get("min").asDouble(), 1e-9, window);
            assertEquals(want.max, t.get("max").asDouble(), 1e-9, window);
            assertEquals(want.mean(), t.get("mean").asDouble(), 1e-9, window);
            assertEquals(got.get("time").asLong() - 10_000, got.get("windowStart").asLong(), window);
            assertEquals("ON_TIME", got.get("timing").asText(), window);
          });

      List<ConsumerRecord<byte[], byte[]>> letters =
          TopicReader.readAll(stack.bootstrapServers(), dlq, deadLetters, Duration.ofSeconds(2), Duration.ofSeconds(60));
      assertEquals(deadLetters, letters.size());
      // Conservation per bad-input kind: each bad record comes back exactly once, bytes and input
      // headers intact. (Offsets are per partition, so letters are matched to inputs by content.)
      List<String> returned = new ArrayList<>();
      for (ConsumerRecord<byte[], byte[]> letter : letters) {
        assertEquals(in, header(letter, DeadLetterSink.TOPIC));
        assertTrue(Long.parseLong(header(letter, DeadLetterSink.OFFSET)) >= 0);
        assertFalse(header(letter, DeadLetterSink.ERROR).isEmpty());
        List<Header> inputHeaders = new ArrayList<>();
        for (Header h : letter.headers()) {
          if (h.key().startsWith("beamkit.")) {
            break;
          }
          inputHeaders.add(h);
        }
        returned.add(keyAndValue(letter.key(), letter.value()) + " " + headers(inputHeaders));
      }
      Collections.sort(sentBad);
      Collections.sort(returned);
      assertEquals(sentBad, returned);
    }
  }

  /** The "kind" of each line of a bad-records file, in order. */
  private static List<String> kinds(Path file) throws IOException {
    List<String> kinds = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      if (!line.isBlank()) {
        kinds.add(MAPPER.readTree(line).get("kind").asText());
      }
    }
    return kinds;
  }

  private static String keyAndValue(byte[] key, byte[] value) {
    return Arrays.toString(key) + "=" + Arrays.toString(value);
  }

  private static String headers(List<Header> headers) {
    List<String> named = new ArrayList<>();
    headers.forEach(h -> named.add(h.key() + "=" + new String(h.value(), StandardCharsets.UTF_8)));
    return named.toString();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  private static JsonNode json(byte[] bytes) {
    try {
      return MAPPER.readTree(bytes);
    } catch (IOException e) {
      throw new AssertionError("result is not JSON: " + new String(bytes, StandardCharsets.UTF_8), e);
    }
  }

  /** The UTF-8 value of header {@code name} of {@code r}. */
  static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    return new String(r.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
  }
}
