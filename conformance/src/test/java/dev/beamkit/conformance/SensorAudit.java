package dev.beamkit.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * The audit of a sensor-downsample run: every reading that went in carries a sequence id as its
 * {@code value}, and every reading must come out somewhere — counted in its window's final pane,
 * or as a dead letter (bad input, too late, event time out of range). Windows are aggregates, so
 * "counted" is checked per sensor and window: the final pane's count and sum must equal those of
 * the readings that fell into it and did not become dead letters.
 *
 * <p>Lost readings are the ones the audit cannot find in any output; duplicates are results or
 * dead letters written more than once with the same bytes (an at-least-once sink retrying).
 */
final class SensorAudit {
  /** One reading that the broker acknowledged: sequence id, sensor and event time. */
  record Reading(long seq, String sensor, Instant eventTime) {}

  /**
   * What the audit found; {@code lost()} is what nobody can account for, {@code shortWindows()}
   * where: "sensor@windowStart counted/expected" of each window whose final pane counts too few.
   */
  record Report(
      int inputs,
      int inResults,
      int deadLetters,
      int tooLate,
      int outOfRange,
      int duplicates,
      int overCounted,
      int lost,
      List<String> shortWindows) {
    @Override
    public String toString() {
      return String.format(
          "inputs=%d inResults=%d deadLetters=%d tooLate=%d outOfRange=%d duplicates=%d overCounted=%d lost=%d",
          inputs, inResults, deadLetters, tooLate, outOfRange, duplicates, overCounted, lost);
    }
  }

  /** The {@code beamkit.step} values that mark a dead letter as too late or out of range. */
  static final String TOO_LATE = "too-late";

  static final String OUT_OF_RANGE = "event-time-out-of-range";

  private static final ObjectMapper JSON = new ObjectMapper();

  private SensorAudit() {}

  /**
   * Audits {@code inputs} against the result and dead-letter records of one run, with windows of
   * {@code windowSize} aligned to the epoch (Beam's fixed windows).
   */
  static Report of(
      List<Reading> inputs,
      List<ConsumerRecord<byte[], byte[]>> results,
      List<ConsumerRecord<byte[], byte[]>> deadLetters,
      Duration windowSize) {
    Map<Long, String> stepOfLetter = new HashMap<>();
    int letterDuplicates = 0;
    Set<ByteBuffer> seenLetters = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> letter : deadLetters) {
      if (!seenLetters.add(ByteBuffer.wrap(identity(letter, header(letter, "beamkit.source.offset"))))) {
        letterDuplicates++;
      }
      Long seq = sequenceOf(letter.value());
      if (seq != null) {
        stepOfLetter.put(seq, header(letter, "beamkit.step"));
      }
    }

    Map<String, long[]> expected = new HashMap<>(); // window key → {count, sum}
    int tooLate = 0;
    int outOfRange = 0;
    int lettered = 0;
    for (Reading r : inputs) {
      String step = stepOfLetter.get(r.seq());
      if (step != null) {
        lettered++;
        tooLate += TOO_LATE.equals(step) ? 1 : 0;
        outOfRange += OUT_OF_RANGE.equals(step) ? 1 : 0;
        continue;
      }
      long[] w = expected.computeIfAbsent(windowKey(r.sensor(), r.eventTime(), windowSize), k -> new long[2]);
      w[0]++;
      w[1] += r.seq();
    }

    Map<String, JsonNode> finalPanes = new HashMap<>();
    int resultDuplicates = 0;
    Set<ByteBuffer> seenResults = new HashSet<>();
    for (ConsumerRecord<byte[], byte[]> result : results) {
      if (!seenResults.add(ByteBuffer.wrap(identity(result, "")))) {
        resultDuplicates++;
      }
      JsonNode pane = read(result.value());
      String key = pane.get("sensor").asText() + "@" + pane.get("windowStart").asLong();
      // Panes accumulate: the one with the largest count is the window's final answer.
      finalPanes.merge(key, pane, (a, b) -> count(b) >= count(a) ? b : a);
    }

    int inResults = 0;
    int overCounted = 0;
    List<String> shortWindows = new ArrayList<>();
    for (Map.Entry<String, long[]> e : expected.entrySet()) {
      JsonNode pane = finalPanes.get(e.getKey());
      long want = e.getValue()[0];
      long got = pane == null ? 0 : count(pane);
      long gotSum = pane == null ? 0 : Math.round(pane.get("temperature").get("mean").asDouble() * got);
      if (got == want && gotSum == e.getValue()[1]) {
        inResults += want;
      } else if (got > want) {
        inResults += want;
        overCounted += got - want;
      } else {
        inResults += got;
        shortWindows.add(e.getKey() + " " + got + "/" + want);
      }
    }
    int lost = inputs.size() - inResults - lettered;
    return new Report(
        inputs.size(),
        inResults,
        lettered,
        tooLate,
        outOfRange,
        resultDuplicates + letterDuplicates,
        overCounted,
        lost,
        shortWindows);
  }

  /**
   * Audits again and again until nothing is lost or {@code patience} has passed (windows close
   * only when the watermark passes them), and returns the last report.
   */
  static Report awaitAccounted(Supplier<Report> audit, Duration patience)
      throws InterruptedException {
    long deadline = System.nanoTime() + patience.toNanos();
    Report report = audit.get();
    while (report.lost() > 0 && System.nanoTime() < deadline) {
      Thread.sleep(1_000);
      report = audit.get();
    }
    return report;
  }

  /** The window a reading falls into, as "sensor@windowStartMillis". */
  static String windowKey(String sensor, Instant eventTime, Duration windowSize) {
    long size = windowSize.toMillis();
    long start = Math.floorDiv(eventTime.toEpochMilli(), size) * size;
    return sensor + "@" + start;
  }

  private static long count(JsonNode pane) {
    return pane.get("temperature").get("count").asLong();
  }

  private static Long sequenceOf(byte[] value) {
    if (value == null) {
      return null;
    }
    try {
      JsonNode v = JSON.readTree(value);
      return v != null && v.has("value") && v.get("value").canConvertToLong() ? v.get("value").asLong() : null;
    } catch (IOException notJson) {
      return null;
    }
  }

  private static JsonNode read(byte[] value) {
    try {
      return JSON.readTree(value);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * What makes two records the same write: key and value bytes, plus {@code source} (a dead
   * letter's source offset: two bad inputs with equal bytes are two letters, not a duplicate).
   */
  private static byte[] identity(ConsumerRecord<byte[], byte[]> r, String source) {
    byte[] key = r.key() == null ? new byte[0] : r.key();
    byte[] value = r.value() == null ? new byte[0] : r.value();
    byte[] origin = String.valueOf(source).getBytes(StandardCharsets.UTF_8);
    return ByteBuffer.allocate(key.length + value.length + origin.length + 2)
        .put(key).put((byte) 0).put(value).put((byte) 0).put(origin).array();
  }

  private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
    Header h = r.headers().lastHeader(name);
    return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
  }
}
