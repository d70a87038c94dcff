import java.io.IOException;
import java.io.PrintWriter;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.Random;

/**
 * Writes sensors.jsonl and user-events.jsonl into the directory given as the only argument.
 * Fixed seeds make the output identical on every run, so the committed files can be regenerated
 * and diffed. text-stream.txt is hand-written and not produced here.
 *
 * <p>Run from the repository root: {@code java testdata/GenerateTestData.java testdata}
 */
public class GenerateTestData {
  private static final LocalDateTime START = LocalDateTime.parse("2024-03-01T12:00:00");

  public static void main(String[] args) throws IOException {
    Path dir = Path.of(args.length > 0 ? args[0] : "testdata");
    writeSensors(dir.resolve("sensors.jsonl"), 300);
    writeUserEvents(dir.resolve("user-events.jsonl"), 200);
  }

  /** Kafka records keyed by sensor, 0–1 s apart, each sensor's reading a bounded random walk. */
  static void writeSensors(Path file, int count) throws IOException {
    Random random = new Random(20240301L);
    double[] level = {21.0, 48.5, 75.0, 5.0, 95.0};
    LocalDateTime time = START;
    try (PrintWriter out = writer(file)) {
      for (int i = 0; i < count; i++) {
        if (i > 0) {
          time = nextSensorTime(time, random);
        }
        int sensor = random.nextInt(level.length);
        level[sensor] = Math.max(0, Math.min(100, level[sensor] + random.nextGaussian() * 4));
        out.printf(
            "{\"key\":\"Sensor%d\",\"value\":{\"ts\":\"%s\",\"value\":%s}}\n",
            sensor + 1, sensorTs(time), reading(level[sensor], random));
      }
    }
  }

  /**
   * A gap of at most one second. One record in five lands on the next whole second, so the file
   * has timestamps both with and without a fraction.
   */
  private static LocalDateTime nextSensorTime(LocalDateTime time, Random random) {
    if (random.nextInt(5) == 0) {
      return time.truncatedTo(ChronoUnit.SECONDS).plusSeconds(1);
    }
    return time.plusNanos(random.nextInt(1_000_000) * 1_000L);
  }

  private static String sensorTs(LocalDateTime time) {
    String seconds =
        time.truncatedTo(ChronoUnit.SECONDS).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
    int micros = time.getNano() / 1_000;
    return micros == 0 ? seconds : seconds + String.format(".%06d", micros);
  }

  /** Mostly whole numbers, the rest with one or two decimals, never "1.0E-4" or "42.50". */
  private static String reading(double value, Random random) {
    int decimals = random.nextInt(10) < 6 ? 0 : 1 + random.nextInt(2);
    return BigDecimal.valueOf(value)
        .setScale(decimals, RoundingMode.HALF_UP)
        .stripTrailingZeros()
        .toPlainString();
  }

  private static final String[] USERS = {
    "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy"
  };
  private static final String[] PAGES = {
    "http://example.com/", "http://example.com/pricing", "http://example.com/docs",
    "http://example.com/blog", "http://example.com/signup", "http://example.com/download"
  };
  // Uneven on purpose so per-event counts are distinguishable: click > scroll > focus > ...
  private static final String[] EVENTS = {"click", "scroll", "focus", "submit", "download"};
  private static final int[] EVENT_WEIGHTS = {45, 25, 15, 10, 5};

  /** Click-stream values with whole-second timestamps 0–2 s apart. */
  static void writeUserEvents(Path file, int count) throws IOException {
    Random random = new Random(1203L);
    DateTimeFormatter format = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    LocalDateTime time = START;
    try (PrintWriter out = writer(file)) {
      for (int i = 0; i < count; i++) {
        if (i > 0) {
          time = time.plusSeconds(random.nextInt(3));
        }
        String event = weighted(EVENTS, EVENT_WEIGHTS, random);
        // Downloads happen on the download page; other events anywhere.
        String page = event.equals("download") ? PAGES[5] : PAGES[random.nextInt(PAGES.length)];
        out.printf(
            "{\"event_timestamp\":\"%s\",\"user\":\"%s@example.com\","
                + "\"page\":\"%s\",\"event\":\"%s\"}\n",
            time.format(format), USERS[random.nextInt(USERS.length)], page, event);
      }
    }
  }

  private static String weighted(String[] values, int[] weights, Random random) {
    int total = 0;
    for (int w : weights) {
      total += w;
    }
    int pick = random.nextInt(total);
    for (int i = 0; i < values.length; i++) {
      pick -= weights[i];
      if (pick < 0) {
        return values[i];
      }
    }
    throw new AssertionError("weights do not cover " + pick);
  }

  private static PrintWriter writer(Path file) throws IOException {
    // Lines end in "\n" written explicitly (not %n) so the files are identical on every platform.
    return new PrintWriter(Files.newBufferedWriter(file, StandardCharsets.UTF_8));
  }
}
