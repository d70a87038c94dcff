package dev.beamkit.transforms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;
import org.joda.time.DateTimeZone;
import org.joda.time.format.DateTimeFormat;
import org.joda.time.format.DateTimeFormatter;

/**
 * Finds the scenario files in {@code testdata/scenarios/}, reads the panes their {@code //
 * expected} comment lines promise, and renders actual panes the same way so the two compare.
 */
final class ScenarioFiles {
  private static final Pattern EXPECTED =
      Pattern.compile("^// expected (\\[[^)]*\\) \\w+ pane \\d+)[^:]*: (.*)$");
  private static final DateTimeFormatter CLOCK =
      DateTimeFormat.forPattern("HH:mm:ss").withZone(DateTimeZone.UTC);

  private ScenarioFiles() {}

  /** {@code testdata/scenarios}, found from the working directory upwards. */
  static Path directory() {
    for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent()) {
      Path candidate = dir.resolve("testdata").resolve("scenarios");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException("No testdata/scenarios above " + Paths.get("").toAbsolutePath());
  }

  /** Every {@code .jsonl} file in {@link #directory()}, sorted by name. */
  static List<Path> all() {
    try (Stream<Path> files = Files.list(directory())) {
      return files
          .filter(f -> f.getFileName().toString().endsWith(".jsonl"))
          .sorted()
          .collect(Collectors.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static Path file(String name) {
    return directory().resolve(name);
  }

  /**
   * The panes promised by the file's {@code // expected} lines, one string per key in the form
   * of {@link #describe(Windowed)}.
   */
  static List<String> expectedPanes(Path file) {
    List<String> panes = new ArrayList<>();
    try {
      for (String line : Files.readAllLines(file)) {
        Matcher m = EXPECTED.matcher(line);
        if (m.matches()) {
          for (String perKey : m.group(2).split(";")) {
            panes.add(m.group(1) + ": " + perKey.strip());
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return panes;
  }

  /**
   * A pane as the comment lines write it: {@code [12:00:00,12:00:10) ON_TIME pane 0: Sensor1
   * count=3 min=20.5 max=22.0 mean=21.25}.
   */
  static String describe(Windowed<KV<String, Stats>> pane) {
    KV<String, Stats> kv = pane.value();
    Stats s = kv.getValue();
    return "["
        + CLOCK.print(pane.windowStart())
        + ","
        + CLOCK.print(pane.windowEnd())
        + ") "
        + pane.timing()
        + " pane "
        + pane.paneIndex()
        + ": "
        + kv.getKey()
        + " count="
        + s.count()
        + " min="
        + s.min()
        + " max="
        + s.max()
        + " mean="
        + s.mean();
  }

  /** Reads the number out of a sensor value {@code {"ts":"…","value":n}}. */
  static final class ParseReading extends DoFn<KV<String, String>, KV<String, Double>> {
    private static final ObjectMapper JSON = new ObjectMapper();

    @ProcessElement
    public void process(@Element KV<String, String> in, OutputReceiver<KV<String, Double>> out)
        throws IOException {
      JsonNode value = JSON.readTree(in.getValue()).get("value");
      out.output(KV.of(in.getKey(), value.doubleValue()));
    }
  }
}
