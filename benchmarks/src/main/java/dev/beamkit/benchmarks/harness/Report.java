package dev.beamkit.benchmarks.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Writes a benchmark's results as {@code results.csv} (one row per run) and {@code results.json}
 * (the same rows with the run settings and environment), and prints a table.
 */
public final class Report {
  private static final String CSV_HEADER =
      "impl,mode,status,events,parallelism,wall_ms,events_per_s,peak_heap_mb,peak_heap_after_gc_mb,peak_rss_mb,gc_count,gc_ms,"
          + "items,checksum,expected_items,expected_checksum,detail";

  private Report() {}

  /** Writes both files into {@code dir}; {@code settings} heads the JSON file. */
  public static void write(Path dir, Map<String, Object> settings, List<ReportRow> rows) throws IOException {
    List<String> csv = new ArrayList<>();
    csv.add(CSV_HEADER);
    for (ReportRow r : rows) {
      csv.add(csvLine(r));
    }
    Files.write(dir.resolve("results.csv"), csv);
    Json.write(dir.resolve("results.json"), Map.of("settings", settings, "runs", rows));
  }

  /** A fixed-width table of the rows; figures only for runs whose answer was right. */
  public static void print(PrintStream out, List<ReportRow> rows) {
    out.printf(
        "%-16s %-7s %-12s %9s %12s %9s %11s %9s %8s%n",
        "impl", "mode", "status", "wall s", "events/s", "heap MB", "after GC MB", "RSS MB", "GC ms");
    for (ReportRow r : rows) {
      Measurement m = r.measurement();
      if (r.ok()) {
        out.printf(
            Locale.ROOT,
            "%-16s %-7s %-12s %9.2f %12.0f %9.0f %11.0f %9.0f %8d%n",
            r.impl(), r.mode(), r.status(), m.wallMillis() / 1000.0, m.eventsPerSecond(),
            mb(m.peakHeapBytes()), mb(m.peakHeapAfterGcBytes()), mb(m.peakRssBytes()), m.gcMillis());
      } else {
        out.printf("%-16s %-7s %-12s %s%n", r.impl(), r.mode(), r.status(), r.detail());
      }
    }
  }

  private static String csvLine(ReportRow r) {
    Measurement m = r.measurement();
    List<Object> cells = new ArrayList<>(List.of(r.impl(), r.mode(), r.status()));
    if (m == null) {
      cells.addAll(List.of("", "", "", "", "", "", "", "", "", "", ""));
    } else {
      cells.add(m.events());
      cells.add(m.parallelism());
      if (r.ok()) {
        cells.add(m.wallMillis());
        cells.add(String.format(Locale.ROOT, "%.0f", m.eventsPerSecond()));
        cells.add(String.format(Locale.ROOT, "%.1f", mb(m.peakHeapBytes())));
        cells.add(String.format(Locale.ROOT, "%.1f", mb(m.peakHeapAfterGcBytes())));
        cells.add(String.format(Locale.ROOT, "%.1f", mb(m.peakRssBytes())));
        cells.add(m.gcCount());
        cells.add(m.gcMillis());
      } else {
        cells.addAll(List.of("", "", "", "", "", "", ""));
      }
      cells.add(m.answer().items());
      cells.add(m.answer().checksum());
    }
    cells.add(r.expected().items());
    cells.add(r.expected().checksum());
    cells.add(quote(r.detail()));
    return String.join(",", cells.stream().map(String::valueOf).toList());
  }

  private static String quote(String text) {
    return '"' + text.replace("\"", "\"\"").replace('\n', ' ') + '"';
  }

  private static double mb(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
