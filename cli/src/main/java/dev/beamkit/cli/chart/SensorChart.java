package dev.beamkit.cli.chart;

import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.TimeZone;
import java.util.function.ToDoubleFunction;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * Draws raw against downsampled readings: one panel per sensor, the raw readings as dots and
 * each window's min, mean and max as steps across the window, so the bands of the windows
 * enclose their dots. The panels are stacked in one PNG.
 */
public final class SensorChart {
  private static final int WIDTH = 1000;
  private static final int PANEL_HEIGHT = 260;
  private static final Color RAW = new Color(120, 120, 120);
  private static final Color MIN = new Color(40, 110, 220);
  private static final Color MEAN = new Color(20, 150, 60);
  private static final Color MAX = new Color(220, 50, 40);

  private SensorChart() {}

  /**
   * Writes the chart of {@code data} to {@code file} as a PNG.
   *
   * @throws IllegalArgumentException when {@code data} holds no sensor at all
   */
  public static void write(SensorChartData data, Path file) throws IOException {
    if (data.sensors().isEmpty()) {
      throw new IllegalArgumentException("no sensor readings or windows to chart");
    }
    List<BufferedImage> panels = new ArrayList<>();
    for (String sensor : data.sensors()) {
      panels.add(BitmapEncoder.getBufferedImage(panel(sensor, data)));
    }
    BufferedImage image = new BufferedImage(WIDTH, PANEL_HEIGHT * panels.size(), BufferedImage.TYPE_INT_RGB);
    Graphics2D g = image.createGraphics();
    for (int i = 0; i < panels.size(); i++) {
      g.drawImage(panels.get(i), 0, i * PANEL_HEIGHT, null);
    }
    g.dispose();
    Path parent = file.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    ImageIO.write(image, "png", file.toFile());
  }

  private static XYChart panel(String sensor, SensorChartData data) {
    XYChart chart =
        new XYChartBuilder()
            .width(WIDTH)
            .height(PANEL_HEIGHT)
            .title(sensor + ": " + data.readings(sensor).size() + " readings, " + data.windows(sensor).size() + " windows")
            .xAxisTitle("event time (UTC)")
            .yAxisTitle("value")
            .build();
    chart.getStyler().setDatePattern("HH:mm:ss");
    chart.getStyler().setTimezone(TimeZone.getTimeZone("UTC"));
    chart.getStyler().setChartBackgroundColor(Color.WHITE);
    chart.getStyler().setMarkerSize(5);

    List<Date> times = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    data.readings(sensor).forEach(r -> {
      times.add(new Date(r.timeMillis()));
      values.add(r.value());
    });
    if (!times.isEmpty()) {
      XYSeries raw = chart.addSeries("raw", times, values);
      raw.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
      raw.setMarker(SeriesMarkers.CIRCLE);
      raw.setMarkerColor(RAW);
    }
    if (!data.windows(sensor).isEmpty()) {
      band(chart, "min", sensor, data, MIN, w -> w.min());
      band(chart, "mean", sensor, data, MEAN, w -> w.mean());
      band(chart, "max", sensor, data, MAX, w -> w.max());
    }
    return chart;
  }

  /** One statistic as a step line: flat across each window, from its start to its end. */
  private static void band(
      XYChart chart, String name, String sensor, SensorChartData data, Color color,
      ToDoubleFunction<SensorChartData.Window> stat) {
    List<Date> times = new ArrayList<>();
    List<Double> values = new ArrayList<>();
    for (SensorChartData.Window w : data.windows(sensor)) {
      times.add(new Date(w.startMillis()));
      values.add(stat.applyAsDouble(w));
      times.add(new Date(w.endMillis()));
      values.add(stat.applyAsDouble(w));
    }
    XYSeries series = chart.addSeries(name, times, values);
    series.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Line);
    series.setMarker(SeriesMarkers.NONE);
    series.setLineColor(color);
  }
}
