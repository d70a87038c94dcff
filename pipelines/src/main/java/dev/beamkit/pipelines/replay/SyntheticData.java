package dev.beamkit.pipelines.replay;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Random;
import java.util.function.Function;

/**
 * Endless-looking but bounded streams of made-up input, shaped like the seed producers': sensor
 * readings (5 sensors, values 0–100, 0–1 s apart), user events, and lines of text. The same seed
 * gives the same records, so a benchmark can generate its input twice and compare answers.
 */
public final class SyntheticData {
  private static final DateTimeFormatter ISO_MICROS =
      DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSSSS");
  private static final DateTimeFormatter SQL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final String[] EVENTS = {"click", "click", "click", "scroll", "scroll", "submit", "download", "focus"};
  private static final String[] PAGES = {
    "http://example.com/", "http://example.com/pricing", "http://example.com/docs",
    "http://example.com/blog", "http://example.com/signup", "http://example.com/about"
  };
  private static final String[] WORDS = {
    "stream", "window", "beam", "kafka", "redis", "event", "time", "late", "watermark", "pane",
    "the", "a", "of", "and", "data", "flows", "counts", "sensor", "temperature", "rises"
  };

  private SyntheticData() {}

  /** Kinds of data this class can make, by command-line name. */
  public enum Kind {
    SENSORS(SyntheticData::sensor),
    USER_EVENTS(SyntheticData::userEvent),
    TEXT(SyntheticData::textLine);

    private final Function<State, ReplayRecord> next;

    Kind(Function<State, ReplayRecord> next) {
      this.next = next;
    }

    /** Parses {@code sensors}, {@code user-events} or {@code text}. */
    public static Kind fromName(String name) {
      for (Kind k : values()) {
        if (k.name().replace('_', '-').equalsIgnoreCase(name)) {
          return k;
        }
      }
      throw new IllegalArgumentException("must be sensors, user-events or text");
    }
  }

  /** {@code count} records of {@code kind}, event times starting at {@code start}. */
  public static Iterator<ReplayRecord> generate(Kind kind, long count, long seed, Instant start) {
    State state = new State(new Random(seed), start.toEpochMilli());
    return new Iterator<>() {
      long made;

      @Override
      public boolean hasNext() {
        return made < count;
      }

      @Override
      public ReplayRecord next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        made++;
        return kind.next.apply(state);
      }
    };
  }

  /** Random source and the event-time clock, which moves forward 0–1 s per record. */
  private static final class State {
    final Random random;
    long timeMillis;

    State(Random random, long timeMillis) {
      this.random = random;
      this.timeMillis = timeMillis;
    }

    long tick(int maxStepMillis) {
      timeMillis += random.nextInt(maxStepMillis + 1);
      return timeMillis;
    }
  }

  private static ReplayRecord sensor(State s) {
    long t = s.tick(1000);
    String sensor = "Sensor" + (1 + s.random.nextInt(5));
    String value = "{\"ts\":\"" + format(ISO_MICROS, t) + "\",\"value\":" + s.random.nextInt(101) + "}";
    return new ReplayRecord(utf8(sensor), utf8(value), t);
  }

  private static ReplayRecord userEvent(State s) {
    long t = s.tick(2000);
    t -= t % 1000; // the format has whole seconds; keep the record timestamp equal to it
    String value =
        "{\"event_timestamp\":\"" + format(SQL, t) + "\",\"user\":\"user" + s.random.nextInt(10)
            + "@example.com\",\"page\":\"" + PAGES[s.random.nextInt(PAGES.length)]
            + "\",\"event\":\"" + EVENTS[s.random.nextInt(EVENTS.length)] + "\"}";
    return new ReplayRecord(null, utf8(value), t);
  }

  private static ReplayRecord textLine(State s) {
    long t = s.tick(1000);
    StringBuilder line = new StringBuilder();
    int words = 3 + s.random.nextInt(10);
    for (int i = 0; i < words; i++) {
      line.append(i == 0 ? "" : " ").append(WORDS[s.random.nextInt(WORDS.length)]);
    }
    return new ReplayRecord(null, utf8(line.append('.').toString()), t);
  }

  private static String format(DateTimeFormatter f, long millis) {
    return LocalDateTime.ofInstant(Instant.ofEpochMilli(millis), ZoneOffset.UTC).format(f);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
