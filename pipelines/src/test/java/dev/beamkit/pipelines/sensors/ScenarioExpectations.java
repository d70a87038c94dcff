package dev.beamkit.pipelines.sensors;

import dev.beamkit.transforms.Stats;
import dev.beamkit.transforms.Windowed;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.values.KV;

/**
 * Reads the panes a scenario file promises in its {@code // expected ...} comment lines, e.g.
 * {@code // expected [12:00:00,12:00:10) LATE pane 1: Sensor1 count=3 min=20.0 max=31.0 mean=25.0; Sensor2 ...},
 * as one normalised line per sensor and pane, so the same file drives the TestStream and the
 * assertion. Public for the runner conformance tests, which assert the same panes on every runner.
 */
public final class ScenarioExpectations {
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm:ss").withZone(ZoneOffset.UTC);
  private static final Pattern PANE =
      Pattern.compile("^// expected \\[(\\S+),(\\S+)\\) (\\w+) pane (\\d+)[^:]*: (.*)$");
  private static final Pattern SENSOR =
      Pattern.compile("(\\w+) count=(\\d+) min=(\\S+) max=(\\S+) mean=(\\S+)");

  private ScenarioExpectations() {}

  /** The panes {@code scenario} promises, one line per sensor and pane. */
  public static List<String> of(Path scenario) {
    List<String> lines;
    try {
      lines = Files.readAllLines(scenario);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<String> expected = new ArrayList<>();
    for (String line : lines) {
      Matcher pane = PANE.matcher(line);
      if (!pane.matches()) {
        continue;
      }
      for (String part : pane.group(5).split(";")) {
        Matcher s = SENSOR.matcher(part.trim());
        if (!s.matches()) {
          throw new IllegalArgumentException(scenario + ": cannot read expectation '" + part + "'");
        }
        expected.add(
            line(
                pane.group(1),
                pane.group(2),
                pane.group(3),
                Long.parseLong(pane.group(4)),
                s.group(1),
                Long.parseLong(s.group(2)),
                Double.parseDouble(s.group(3)),
                Double.parseDouble(s.group(4)),
                Double.parseDouble(s.group(5))));
      }
    }
    if (expected.isEmpty()) {
      throw new IllegalArgumentException(scenario + " has no '// expected' lines");
    }
    return expected;
  }

  /** One pane of sensor-downsample's output, as {@link #of} writes the expected ones. */
  public static String describe(Windowed<KV<String, Stats>> w) {
    Stats s = w.value().getValue();
    return line(
        CLOCK.format(Instant.ofEpochMilli(w.windowStart().getMillis())),
        CLOCK.format(Instant.ofEpochMilli(w.windowEnd().getMillis())),
        w.timing().name(),
        w.paneIndex(),
        w.value().getKey(),
        s.count(),
        s.min(),
        s.max(),
        s.mean());
  }

  /** One pane of one sensor, written the same way for expectations and actual output. */
  static String line(
      String start, String end, String timing, long pane, String sensor, long count, double min, double max, double mean) {
    return String.format(
        "[%s,%s) %s pane %d: %s count=%d min=%s max=%s mean=%s", start, end, timing, pane, sensor, count, min, max, mean);
  }
}
