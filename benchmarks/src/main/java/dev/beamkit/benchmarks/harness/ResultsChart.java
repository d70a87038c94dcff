package dev.beamkit.benchmarks.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * A bar chart of events per second: one group of bars per implementation, one bar per mode, only
 * for runs whose answer was right (a missing bar means no figure, not zero).
 */
final class ResultsChart {
  private static final int WIDTH = 1100;
  private static final int HEIGHT = 600;

  private ResultsChart() {}

  /** Writes the chart of {@code rows} as a PNG to {@code file}; nothing if no run was right. */
  static void write(Path file, List<ReportRow> rows, String events) throws IOException {
    Set<String> impls = new LinkedHashSet<>();
    Set<String> modes = new LinkedHashSet<>();
    for (ReportRow r : rows) {
      if (r.ok()) {
        impls.add(r.impl());
        modes.add(r.mode());
      }
    }
    if (impls.isEmpty()) {
      return;
    }
    CategoryChart chart =
        new CategoryChartBuilder()
            .width(WIDTH)
            .height(HEIGHT)
            .title("sensor-downsample, " + events + " readings: events per second (higher is better)")
            .xAxisTitle("implementation")
            .yAxisTitle("events per second")
            .build();
    chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNE);
    chart.getStyler().setLabelsVisible(true);
    chart.getStyler().setDecimalPattern("#,###");
    chart.getStyler().setOverlapped(false);
    List<String> categories = new ArrayList<>(impls);
    for (String mode : modes) {
      List<Double> speeds = new ArrayList<>();
      for (String impl : categories) {
        speeds.add(speed(rows, impl, mode));
      }
      chart.addSeries(mode + " mode", categories, speeds);
    }
    BitmapEncoder.saveBitmap(chart, file.toString(), BitmapEncoder.BitmapFormat.PNG);
  }

  /** Events per second of the right run of {@code impl} in {@code mode}, or null for no bar. */
  private static Double speed(List<ReportRow> rows, String impl, String mode) {
    return rows.stream()
        .filter(r -> r.ok() && r.impl().equals(impl) && r.mode().equals(mode))
        .map(r -> r.measurement().eventsPerSecond())
        .findFirst()
        .orElse(null);
  }
}
