package dev.beamkit.benchmarks.harness;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The speeds every row is compared with, per mode: native Flink's and the read limit's events per
 * second in that mode, when those runs gave the right answer.
 */
final class Baselines {
  /** The native baseline's name. */
  static final String FLINK_NATIVE = "flink-native";

  /** The read limit's name. */
  static final String READ_LIMIT = "read-limit";

  private final Map<String, Double> speeds = new HashMap<>();

  private Baselines(List<ReportRow> rows) {
    for (ReportRow r : rows) {
      if (r.ok()) {
        speeds.put(r.impl() + "/" + r.mode(), r.measurement().eventsPerSecond());
      }
    }
  }

  static Baselines of(List<ReportRow> rows) {
    return new Baselines(rows);
  }

  /** {@code row}'s speed as a multiple of native Flink's in its mode; NaN if either is missing. */
  double vsFlinkNative(ReportRow row) {
    return ratio(row, FLINK_NATIVE);
  }

  /** {@code row}'s speed as a multiple of the read limit's in its mode; NaN if either is missing. */
  double vsReadLimit(ReportRow row) {
    return ratio(row, READ_LIMIT);
  }

  private double ratio(ReportRow row, String baseline) {
    Double base = speeds.get(baseline + "/" + row.mode());
    return !row.ok() || base == null || base == 0 ? Double.NaN : row.measurement().eventsPerSecond() / base;
  }
}
