package dev.beamkit.cli.demo;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamkit.cli.Cli;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The demo as a user runs it ({@code bin/beamkit demo}): real Kafka and Redis, the three
 * pipelines over testdata/, and the sensor chart it writes through {@code beamkit chart}.
 */
class DemoIT {
  @TempDir Path dir;

  /** Runs the demo with stdout captured. */
  private String runDemo(Path chart) {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream original = System.out;
    System.setOut(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      assertEquals(0, Cli.execute(new Demo(), "--testdata=../testdata", "--chart=" + chart));
    } finally {
      System.setOut(original);
    }
    String output = captured.toString(StandardCharsets.UTF_8);
    original.print(output);
    return output;
  }

  @Test
  void theDemoChartsRawAgainstDownsampledReadingsAndPrintsWhere() throws IOException {
    Path chart = dir.resolve("sensors.png");
    String output = runDemo(chart);

    Matcher line =
        Pattern.compile("chart of (\\d+) sensors, (\\d+) readings and (\\d+) windows.*: (.+\\.png)").matcher(output);
    assertTrue(line.find(), "no chart line in the demo's output");
    assertEquals(chart.toAbsolutePath().toString(), line.group(4));
    // testdata/sensors.jsonl: 5 sensors, 300 readings in 78 windows of 10 s (the runner table);
    // bad-records.jsonl, in the same topic: 3 good readings, the other 21 left out.
    assertEquals(5, Integer.parseInt(line.group(1)));
    assertEquals(303, Integer.parseInt(line.group(2)));
    assertEquals(78, Integer.parseInt(line.group(3)), line.group());

    BufferedImage image = ImageIO.read(chart.toFile());
    assertEquals(1000, image.getWidth());
    assertEquals(5 * 260, image.getHeight());
    Set<Integer> colours = new HashSet<>();
    for (int y = 0; y < image.getHeight(); y++) {
      for (int x = 0; x < image.getWidth(); x++) {
        colours.add(image.getRGB(x, y) & 0xFFFFFF);
      }
    }
    assertTrue(colours.size() > 20, "only " + colours.size() + " colours");
    for (int series : new int[] {0x787878, 0x286EDC, 0x14963C, 0xDC3228}) {
      assertTrue(colours.contains(series), String.format("no pixel of series colour #%06X", series));
    }
  }
}
