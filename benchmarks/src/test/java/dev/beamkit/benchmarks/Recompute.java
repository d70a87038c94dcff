package dev.beamkit.benchmarks;

import dev.beamkit.pipelines.replay.ReplayRecord;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The answers the tests expect, worked out with as little shared code as possible: its own text
 * parsing (regular expressions, an explicit date pattern), its own grouping into every
 * (sensor, window) pair at once. Shares only the record types and the checksum.
 */
final class Recompute {
  private static final Pattern TS = Pattern.compile("\"ts\"\\s*:\\s*\"([^\"]+)\"");
  private static final Pattern VALUE = Pattern.compile("\"value\"\\s*:\\s*(-?[0-9]+(?:\\.[0-9]+)?)");
  private static final DateTimeFormatter MICROS = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
  private static final long WINDOW = 10_000;

  private Recompute() {}

  /** Window results: for every sensor and 10 s bucket, count/min/max/sum over its readings. */
  static Answer windows(Workload workload) {
    Map<String, Map<Long, double[]>> buckets = new TreeMap<>();
    for (Iterator<ReplayRecord> it = workload.records(); it.hasNext(); ) {
      Parsed p = parse(it.next());
      long start = Math.floorDiv(p.millis, WINDOW) * WINDOW;
      double[] t = buckets.computeIfAbsent(p.sensor, s -> new TreeMap<>())
          .computeIfAbsent(start, s -> new double[] {0, Double.MAX_VALUE, -Double.MAX_VALUE, 0});
      t[0]++;
      t[1] = Math.min(t[1], p.value);
      t[2] = Math.max(t[2], p.value);
      t[3] += p.value;
    }
    List<WindowResult> results = new ArrayList<>();
    buckets.forEach(
        (sensor, windows) ->
            windows.forEach(
                (start, t) ->
                    results.add(new WindowResult(sensor, start, start + WINDOW, (long) t[0], t[1], t[2], t[3] / t[0]))));
    return Answer.ofWindows(results);
  }

  /** The read limit's totals over every reading. */
  static Answer scan(Workload workload) {
    ScanTotals totals = new ScanTotals();
    for (Iterator<ReplayRecord> it = workload.records(); it.hasNext(); ) {
      Parsed p = parse(it.next());
      totals.add(p.sensor, new TimedValue(p.millis, p.value));
    }
    return Answer.ofScan(totals);
  }

  private record Parsed(String sensor, long millis, double value) {}

  private static Parsed parse(ReplayRecord r) {
    String json = new String(r.value(), StandardCharsets.UTF_8);
    Matcher ts = TS.matcher(json);
    Matcher value = VALUE.matcher(json);
    if (!ts.find() || !value.find()) {
      throw new IllegalArgumentException(json);
    }
    long millis = LocalDateTime.parse(ts.group(1), MICROS).toInstant(ZoneOffset.UTC).toEpochMilli();
    return new Parsed(new String(r.key(), StandardCharsets.UTF_8), millis, Double.parseDouble(value.group(1)));
  }
}
