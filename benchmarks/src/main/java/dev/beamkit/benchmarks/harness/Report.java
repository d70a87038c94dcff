package dev.beamkit.benchmarks.harness;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Writes a benchmark's results as {@code results.csv} (one row per run), {@code results.json}
 * (the same rows with the run settings and environment), {@code results.md} (one table per mode,
 * as in the README) and {@code results.png} (a chart of events per second), and prints the tables.
 * Speeds are also given as multiples of native Flink's and of the read limit's in the same mode.
 */
public final class Report {
  private static final String CSV_HEADER =
      "impl,mode,status,events,parallelism,wall_ms,events_per_s,vs_flink_native,vs_read_limit,cpu_ms,events_per_cpu_s,"
          + "peak_heap_mb,peak_heap_after_gc_mb,peak_rss_mb,gc_count,gc_ms,items,checksum,expected_items,expected_checksum,detail";

  private Report() {}

  /** Writes every file into {@code dir}; {@code settings} heads the JSON file. */
  public static void write(Path dir, Map<String, Object> settings, List<ReportRow> rows) throws IOException {
    Baselines baselines = Baselines.of(rows);
    List<String> csv = new ArrayList<>();
    csv.add(CSV_HEADER);
    for (ReportRow r : rows) {
      csv.add(csvLine(r, baselines));
    }
    Files.write(dir.resolve("results.csv"), csv);
    JsonFiles.write(dir.resolve("results.json"), Map.of("settings", settings, "runs", rows));
    Files.write(dir.resolve("results.md"), markdown(rows, baselines));
    ResultsChart.write(dir.resolve("results.png"), rows, String.valueOf(settings.get("events")));
  }

  /** One fixed-width table per mode; figures only for runs whose answer was right. */
  public static void print(PrintStream out, List<ReportRow> rows) {
    Baselines baselines = Baselines.of(rows);
    for (String mode : modes(rows)) {
      out.printf("%n%s mode%n", mode);
      out.printf(
          "%-16s %-12s %8s %10s %7s %7s %8s %8s %8s %7s %7s%n",
          "impl", "status", "wall s", "events/s", "×flink", "×limit", "CPU s", "heap MB", "afterGC", "RSS MB", "GC ms");
      for (ReportRow r : rows) {
        if (!r.mode().equals(mode)) {
          continue;
        }
        Measurement m = r.measurement();
        if (r.ok()) {
          out.printf(
              Locale.ROOT,
              "%-16s %-12s %8.2f %10.0f %7s %7s %8.1f %8.0f %8.0f %7.0f %7d%n",
              r.impl(), r.status(), m.wallMillis() / 1000.0, m.eventsPerSecond(),
              ratio(baselines.vsFlinkNative(r)), ratio(baselines.vsReadLimit(r)), m.cpuMillis() / 1000.0,
              mb(m.peakHeapBytes()), mb(m.peakHeapAfterGcBytes()), mb(m.peakRssBytes()), m.gcMillis());
        } else {
          out.printf("%-16s %-12s %s%n", r.impl(), r.status(), r.detail());
        }
      }
    }
  }

  /** The tables of {@link #print} in Markdown, one per mode. */
  static List<String> markdown(List<ReportRow> rows, Baselines baselines) {
    List<String> md = new ArrayList<>();
    for (String mode : modes(rows)) {
      md.add("");
      md.add("**" + mode + " mode**");
      md.add("");
      md.add("| impl | events/s | × flink-native | × read-limit | wall s | CPU s | peak heap MB | heap after GC MB | peak RSS MB | GC ms |");
      md.add("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
      for (ReportRow r : rows) {
        if (!r.mode().equals(mode)) {
          continue;
        }
        Measurement m = r.measurement();
        md.add(
            r.ok()
                ? String.format(
                    Locale.ROOT,
                    "| %s | %,.0f | %s | %s | %.1f | %.1f | %.0f | %.0f | %.0f | %d |",
                    r.impl(), m.eventsPerSecond(), ratio(baselines.vsFlinkNative(r)), ratio(baselines.vsReadLimit(r)),
                    m.wallMillis() / 1000.0, m.cpuMillis() / 1000.0, mb(m.peakHeapBytes()),
                    mb(m.peakHeapAfterGcBytes()), mb(m.peakRssBytes()), m.gcMillis())
                : "| " + r.impl() + " | " + r.status() + ": " + r.detail().replace('|', '/') + " | | | | | | | | |");
      }
    }
    return md;
  }

  private static Set<String> modes(List<ReportRow> rows) {
    Set<String> modes = new LinkedHashSet<>();
    rows.forEach(r -> modes.add(r.mode()));
    return modes;
  }

  private static String csvLine(ReportRow r, Baselines baselines) {
    Measurement m = r.measurement();
    List<Object> cells = new ArrayList<>(List.of(r.impl(), r.mode(), r.status()));
    if (m == null) {
      cells.addAll(List.of("", "", "", "", "", "", "", "", "", "", "", "", "", "", ""));
    } else {
      cells.add(m.events());
      cells.add(m.parallelism());
      if (r.ok()) {
        cells.add(m.wallMillis());
        cells.add(String.format(Locale.ROOT, "%.0f", m.eventsPerSecond()));
        cells.add(csvRatio(baselines.vsFlinkNative(r)));
        cells.add(csvRatio(baselines.vsReadLimit(r)));
        cells.add(m.cpuMillis());
        cells.add(String.format(Locale.ROOT, "%.0f", m.eventsPerCpuSecond()));
        cells.add(String.format(Locale.ROOT, "%.1f", mb(m.peakHeapBytes())));
        cells.add(String.format(Locale.ROOT, "%.1f", mb(m.peakHeapAfterGcBytes())));
        cells.add(String.format(Locale.ROOT, "%.1f", mb(m.peakRssBytes())));
        cells.add(m.gcCount());
        cells.add(m.gcMillis());
      } else {
        cells.addAll(List.of("", "", "", "", "", "", "", "", "", "", ""));
      }
      cells.add(m.answer().items());
      cells.add(m.answer().checksum());
    }
    cells.add(r.expected().items());
    cells.add(r.expected().checksum());
    cells.add(quote(r.detail()));
    return String.join(",", cells.stream().map(String::valueOf).toList());
  }

  private static String ratio(double value) {
    return Double.isNaN(value) ? "-" : String.format(Locale.ROOT, "%.2f", value);
  }

  private static String csvRatio(double value) {
    return Double.isNaN(value) ? "" : String.format(Locale.ROOT, "%.3f", value);
  }

  private static String quote(String text) {
    return '"' + text.replace("\"", "\"\"").replace('\n', ' ') + '"';
  }

  private static double mb(long bytes) {
    return bytes / (1024.0 * 1024.0);
  }
}
