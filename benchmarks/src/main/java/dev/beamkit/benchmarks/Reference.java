package dev.beamkit.benchmarks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamkit.pipelines.replay.ReplayRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The expected answers for a workload, computed without any engine: readings grouped by sensor
 * and window in one pass. Event times come from the generator's record timestamps, not from the
 * {@code ts} text, so a wrong timestamp parser in the implementations cannot agree with it.
 *
 * <p>Plain grouping is the right answer only because the synthetic readings arrive in event-time
 * order, so no reading is ever behind the watermark; {@link #compute} checks that assumption.
 */
public record Reference(Answer windows, Answer scan) {
  private static final ObjectMapper MAPPER = new ObjectMapper();

  /** Both expected answers for {@code workload}. */
  public static Reference compute(Workload workload) {
    Map<String, Totals> open = new LinkedHashMap<>();
    List<WindowResult> results = new ArrayList<>();
    ScanTotals scan = new ScanTotals();
    long lastTime = Long.MIN_VALUE;
    for (Iterator<ReplayRecord> it = workload.records(); it.hasNext(); ) {
      ReplayRecord r = it.next();
      long time = r.timestampMillis();
      if (time < lastTime) {
        throw new IllegalStateException("the generator went back in event time; plain grouping would be wrong");
      }
      lastTime = time;
      String sensor = new String(r.key(), StandardCharsets.UTF_8);
      double value = value(r.value());
      scan.add(sensor, new TimedValue(time, value));
      long start = SensorWindows.windowStart(time);
      Totals t = open.get(sensor);
      if (t == null || t.start != start) {
        if (t != null) {
          results.add(t.result(sensor));
        }
        t = new Totals(start);
        open.put(sensor, t);
      }
      t.add(value);
    }
    open.forEach((sensor, t) -> results.add(t.result(sensor)));
    return new Reference(Answer.ofWindows(results), Answer.ofScan(scan));
  }

  private static double value(byte[] json) {
    try {
      return MAPPER.readTree(json).get("value").doubleValue();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Running count/min/max/sum of the one open window of a sensor. */
  private static final class Totals {
    final long start;
    long count;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum;

    Totals(long start) {
      this.start = start;
    }

    void add(double value) {
      count++;
      min = Math.min(min, value);
      max = Math.max(max, value);
      sum += value;
    }

    WindowResult result(String sensor) {
      return WindowResult.of(sensor, start, start + SensorWindows.SIZE.toMillis(), count, min, max, sum);
    }
  }
}
