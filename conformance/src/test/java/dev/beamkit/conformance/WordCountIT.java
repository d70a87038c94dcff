package dev.beamkit.conformance;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamkit.localstack.LocalStack;
import dev.beamkit.pipelines.runtime.RunningJob;
import dev.beamkit.pipelines.words.WordCount;
import dev.beamkit.pipelines.kafka.TopicReader;
import dev.beamkit.pipelines.replay.ReplayRecord;
import dev.beamkit.pipelines.replay.TestdataFile;
import dev.beamkit.transforms.Tokenizer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * word-count end to end on each runner: testdata/text-stream.txt plus one record that is not
 * UTF-8 go into Kafka; the word counts summed over the windows' final panes must equal a count
 * of the file's words made line by line in the test, and the bad record must reach the
 * dead-letter topic.
 */
class WordCountIT {
  static final Path TEXT = Path.of("../testdata/text-stream.txt");
  private final LocalStack stack = LocalStack.shared();

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.beamkit.conformance.RunnerTarget#all")
  void countsOverAllWindowsEqualTheFilesWordsAndBadBytesAreDeadLettered(RunnerTarget target) throws Exception {
    String in = Topics.unique("text-stream");
    String out = Topics.unique("word-counts");
    String dlq = Topics.unique("text-dead-letters");
    List<ReplayRecord> records = new ArrayList<>(TestdataFile.read(TEXT, null));
    byte[] notUtf8 = {'c', 'a', 'f', (byte) 0xc3, '!', (byte) 0xff};
    records.add(new ReplayRecord(null, notUtf8, null));
    Topics.fill(stack, in, 1, records);

    Map<String, Long> expected = expectedCounts(records.subList(0, records.size() - 1));

    try (RunningJob job =
        target.start(
            new WordCount(),
            "--bootstrapServers=" + stack.bootstrapServers(),
            "--inputTopic=" + in,
            "--outputTopic=" + out,
            "--deadLetterTopic=" + dlq,
            "--idleTimeout=1s")) {
      ObjectMapper mapper = new ObjectMapper();
      Map<String, Long> total = new TreeMap<>();
      Await.until(
          "word counts for all " + expected.size() + " words",
          Await.PATIENCE,
          () -> {
            Map<String, Long> lastPane = new TreeMap<>();
            for (ConsumerRecord<byte[], byte[]> r :
                TopicReader.readAll(stack.bootstrapServers(), out, 0, Duration.ofSeconds(1), Duration.ofSeconds(10))) {
              try {
                JsonNode w = mapper.readTree(r.value());
                long count = w.get("count").asLong();
                // Flink's extra empty panes (see SensorScenariosIT) must not hide a full one.
                if (count > 0) {
                  lastPane.put(w.get("windowEnd").asLong() + "/" + w.get("word").asText(), count);
                }
              } catch (java.io.IOException e) {
                throw new AssertionError(e);
              }
            }
            total.clear();
            lastPane.forEach((k, n) -> total.merge(k.substring(k.indexOf('/') + 1), n, Long::sum));
            return total.equals(expected);
          });
      assertEquals(expected, total);

      List<ConsumerRecord<byte[], byte[]>> letters =
          TopicReader.readAll(stack.bootstrapServers(), dlq, 1, Duration.ofSeconds(2), Duration.ofSeconds(60));
      assertEquals(1, letters.size());
      assertArrayEquals(notUtf8, letters.get(0).value());
      // Counters may trail the output: the Flink cluster's REST API refreshes them every 10 s.
      Await.until(
          "every record counted",
          Await.PATIENCE,
          () -> job.metrics().get("parsed") + job.metrics().get("dead-lettered") == records.size());
      assertEquals(records.size() - 1, job.metrics().get("parsed"));
      assertEquals(1, job.metrics().get("dead-lettered"));
    }
  }

  /**
   * The top-words output on a real Kafka topic, Direct only (the same TopN and windows as the
   * counts above, which the matrix covers on every runner): for every window, the last list
   * written must be the ten most frequent words of the input records whose Kafka timestamps fall
   * in that window, ranked by count and then alphabetically.
   */
  @org.junit.jupiter.api.Test
  void topWordsOfEveryWindowOnDirect() throws Exception {
    String in = Topics.unique("text-stream");
    String out = Topics.unique("word-counts");
    String top = Topics.unique("top-words");
    Topics.fill(stack, in, 1, TestdataFile.read(TEXT, null));

    // Windows follow the records' Kafka timestamps, so the expectation is made from what the
    // topic holds.
    Map<Long, Map<String, Long>> countsPerWindowEnd = new TreeMap<>();
    Tokenizer tokenizer = Tokenizer.words();
    for (ConsumerRecord<byte[], byte[]> r :
        TopicReader.readAll(stack.bootstrapServers(), in, 1, Duration.ofSeconds(1), Duration.ofSeconds(30))) {
      long end = r.timestamp() - Math.floorMod(r.timestamp(), 10_000L) + 10_000L;
      Map<String, Long> counts = countsPerWindowEnd.computeIfAbsent(end, e -> new TreeMap<>());
      tokenizer.tokenize(new String(r.value(), StandardCharsets.UTF_8), w -> counts.merge(w, 1L, Long::sum));
    }
    Map<Long, List<String>> expected = new TreeMap<>();
    countsPerWindowEnd.forEach(
        (end, counts) ->
            expected.put(
                end,
                counts.entrySet().stream()
                    .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                    .limit(WordCount.TOP_WORDS)
                    .map(e -> e.getKey() + "=" + e.getValue())
                    .toList()));

    try (RunningJob job =
        RunnerTarget.DIRECT.start(
            new WordCount(),
            "--bootstrapServers=" + stack.bootstrapServers(),
            "--inputTopic=" + in,
            "--outputTopic=" + out,
            "--topWordsTopic=" + top,
            "--windowSize=10s",
            "--idleTimeout=1s")) {
      ObjectMapper mapper = new ObjectMapper();
      Map<Long, List<String>> lastList = new TreeMap<>();
      Await.until(
          "the top words of all " + expected.size() + " windows",
          Await.PATIENCE,
          () -> {
            lastList.clear();
            for (ConsumerRecord<byte[], byte[]> r :
                TopicReader.readAll(stack.bootstrapServers(), top, 0, Duration.ofSeconds(1), Duration.ofSeconds(10))) {
              try {
                JsonNode w = mapper.readTree(r.value());
                List<String> words = new ArrayList<>();
                w.get("top").forEach(e -> words.add(e.get("word").asText() + "=" + e.get("count").asLong()));
                // Keyed by window end: one partition per window, so the last read is the last written.
                lastList.put(w.get("windowEnd").asLong(), words);
              } catch (java.io.IOException e) {
                throw new AssertionError(e);
              }
            }
            return lastList.equals(expected);
          });
      assertEquals(expected, lastList);
    }
  }

  /** Each word of {@code records} (UTF-8 text) with how often it occurs, as the pipeline tokenizes. */
  static Map<String, Long> expectedCounts(List<ReplayRecord> records) {
    Map<String, Long> expected = new TreeMap<>();
    Tokenizer tokenizer = Tokenizer.words();
    for (ReplayRecord r : records) {
      tokenizer.tokenize(new String(r.value(), StandardCharsets.UTF_8), w -> expected.merge(w, 1L, Long::sum));
    }
    return expected;
  }
}
