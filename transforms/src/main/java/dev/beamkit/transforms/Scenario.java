package dev.beamkit.transforms;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.DateTimeException;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * A replayable stream scenario read from a JSONL file: keyed elements with event times,
 * watermark advances and processing-time advances, turned into a {@link TestStream}.
 *
 * <p>One JSON object per line:
 *
 * <pre>{@code
 * // comment lines and blank lines are skipped
 * {"key":"Sensor1","value":{"ts":"2024-03-01T12:00:05","value":42},"time":"2024-03-01T12:00:05"}
 * {"watermark":"2024-03-01T12:00:10"}
 * {"advanceProcessingTime":"PT5S"}
 * {"end":true}
 * }</pre>
 *
 * <ul>
 *   <li>Element: {@code key} a string; {@code value} a string (kept as is) or any other JSON
 *       value (kept as its compact JSON text); {@code time} an ISO-8601 date-time with {@code Z}
 *       or an offset, an ISO-8601 local date-time (read as UTC), or epoch milliseconds.
 *       Consecutive element lines form one {@code addElements} batch.
 *   <li>{@code watermark}: a time as above; each must be later than the previous one.
 *   <li>{@code advanceProcessingTime}: a positive ISO-8601 duration such as {@code PT5S}.
 *   <li>{@code end}: {@code true}; optional, nothing may follow it. With or without it the
 *       stream ends by advancing the watermark to infinity.
 * </ul>
 *
 * <p>Times are truncated to milliseconds, Beam's precision. A line that breaks these rules
 * fails loading with an {@link IllegalArgumentException} naming the file and line number.
 */
public final class Scenario {
  private static final ObjectMapper JSON =
      new ObjectMapper()
          .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
          .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);
  private static final Set<String> ELEMENT_FIELDS = Set.of("key", "value", "time");

  private final String name;
  private final List<Step> steps;

  private Scenario(String name, List<Step> steps) {
    this.name = name;
    this.steps = List.copyOf(steps);
  }

  /** A step of the scenario, in file order. */
  public sealed interface Step permits Elements, AdvanceWatermark, AdvanceProcessingTime {}

  /** A batch of consecutive element lines, added to the stream together. */
  public record Elements(List<Element> elements) implements Step {
    /** A batch; must not be empty. */
    public Elements {
      elements = List.copyOf(elements);
      if (elements.isEmpty()) {
        throw new IllegalArgumentException("An element batch must not be empty");
      }
    }
  }

  /** The watermark advances to {@code to}; read from line {@code line}. */
  public record AdvanceWatermark(Instant to, int line) implements Step {}

  /** Processing time advances by {@code by}; read from line {@code line}. */
  public record AdvanceProcessingTime(Duration by, int line) implements Step {}

  /** One element: key, value text, event time, and the line it was read from. */
  public record Element(String key, String value, Instant time, int line) {
    /** An element; key, value and time must not be null. */
    public Element {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value");
      Objects.requireNonNull(time, "time");
    }
  }

  /** Loads the scenario in {@code file}; errors name the file. */
  public static Scenario load(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return load(in, file.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read scenario " + file, e);
    }
  }

  /**
   * Loads a scenario from UTF-8 JSONL; {@code name} identifies the source in error messages. The
   * stream is read to its end but not closed.
   */
  public static Scenario load(InputStream in, String name) {
    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
    try {
      return parse(name, reader.lines().iterator());
    } catch (UncheckedIOException e) {
      throw new UncheckedIOException("Cannot read scenario " + name, e.getCause());
    }
  }

  private static Scenario parse(String name, Iterator<String> lines) {
    List<Step> steps = new ArrayList<>();
    List<Element> batch = new ArrayList<>();
    Instant watermark = BoundedWindow.TIMESTAMP_MIN_VALUE;
    int endLine = 0;
    int number = 0;
    while (lines.hasNext()) {
      String line = lines.next();
      number++;
      String trimmed = line.strip();
      if (trimmed.isEmpty() || trimmed.startsWith("//")) {
        continue;
      }
      LineParser parser = new LineParser(name, number, trimmed);
      if (endLine > 0) {
        throw parser.error("nothing may follow the end marker on line " + endLine);
      }
      JsonNode node = parser.object();
      if (node.has("key") || node.has("value") || node.has("time")) {
        batch.add(parser.element(node));
        continue;
      }
      if (!batch.isEmpty()) {
        steps.add(new Elements(batch));
        batch = new ArrayList<>();
      }
      String field = parser.singleField(node);
      switch (field) {
        case "watermark":
          Instant to = parser.time(node.get(field), field);
          if (!to.isAfter(watermark)) {
            throw parser.error("watermark " + to + " must be later than the previous " + watermark);
          }
          watermark = to;
          steps.add(new AdvanceWatermark(to, number));
          break;
        case "advanceProcessingTime":
          steps.add(new AdvanceProcessingTime(parser.duration(node.get(field)), number));
          break;
        case "end":
          if (!node.get(field).isBoolean() || !node.get(field).booleanValue()) {
            throw parser.error("\"end\" must be true");
          }
          endLine = number;
          break;
        default:
          throw parser.error("unknown field \"" + field + "\"");
      }
    }
    if (!batch.isEmpty()) {
      steps.add(new Elements(batch));
    }
    return new Scenario(name, steps);
  }

  /** The name given when loading (the file path for {@link #load(Path)}). */
  public String name() {
    return name;
  }

  /** The steps in file order. */
  public List<Step> steps() {
    return steps;
  }

  /** All elements in file order. */
  public List<Element> elements() {
    List<Element> all = new ArrayList<>();
    for (Step step : steps) {
      if (step instanceof Elements) {
        all.addAll(((Elements) step).elements());
      }
    }
    return all;
  }

  /** The watermark advances in file order (strictly increasing). */
  public List<Instant> watermarks() {
    List<Instant> all = new ArrayList<>();
    for (Step step : steps) {
      if (step instanceof AdvanceWatermark) {
        all.add(((AdvanceWatermark) step).to());
      }
    }
    return all;
  }

  /** The scenario as a stream of {@code KV(key, value)} with the elements' event times. */
  public TestStream<KV<String, String>> asKeyValues() {
    return toTestStream(
        KvCoder.of(StringUtf8Coder.of(), StringUtf8Coder.of()), e -> KV.of(e.key(), e.value()));
  }

  /**
   * The scenario as a stream of {@link RawRecord}s holding key and value as UTF-8 bytes, without
   * source coordinates, as a pipeline would see them from a log before parsing.
   */
  public TestStream<RawRecord> asRawRecords() {
    return toTestStream(
        RawRecord.Coder.of(),
        e -> RawRecord.ofString(e.value()).withKey(e.key().getBytes(StandardCharsets.UTF_8)));
  }

  /**
   * The scenario as a stream of any type: each element is mapped by {@code toValue} (while
   * building, so it need not be serializable) and encoded with {@code coder}.
   */
  public <T> TestStream<T> toTestStream(Coder<T> coder, Function<Element, T> toValue) {
    TestStream.Builder<T> builder = TestStream.create(coder);
    for (Step step : steps) {
      if (step instanceof Elements) {
        List<TimestampedValue<T>> values = new ArrayList<>();
        for (Element e : ((Elements) step).elements()) {
          values.add(TimestampedValue.of(toValue.apply(e), e.time()));
        }
        builder = addAll(builder, values);
      } else if (step instanceof AdvanceWatermark) {
        builder = builder.advanceWatermarkTo(((AdvanceWatermark) step).to());
      } else {
        builder = builder.advanceProcessingTime(((AdvanceProcessingTime) step).by());
      }
    }
    return builder.advanceWatermarkToInfinity();
  }

  @SuppressWarnings("unchecked") // addElements takes a first value plus a varargs array
  private static <T> TestStream.Builder<T> addAll(
      TestStream.Builder<T> builder, List<TimestampedValue<T>> values) {
    TimestampedValue<T>[] rest =
        values.subList(1, values.size()).toArray(new TimestampedValue[0]);
    return builder.addElements(values.get(0), rest);
  }

  @Override
  public String toString() {
    return "Scenario{" + name + ", " + steps.size() + " steps}";
  }

  /** Reads the parts of one line, and words errors with the source name and line number. */
  private static final class LineParser {
    private final String source;
    private final int number;
    private final String text;

    LineParser(String source, int number, String text) {
      this.source = source;
      this.number = number;
      this.text = text;
    }

    IllegalArgumentException error(String reason) {
      return error(reason, null);
    }

    IllegalArgumentException error(String reason, Throwable cause) {
      String shown = text.length() > 200 ? text.substring(0, 200) + "…" : text;
      return new IllegalArgumentException(
          source + ":" + number + ": " + reason + " in: " + shown, cause);
    }

    JsonNode object() {
      JsonNode node;
      try {
        node = JSON.readTree(text);
      } catch (JsonProcessingException e) {
        throw error("invalid JSON (" + e.getOriginalMessage() + ")", e);
      }
      if (node == null || !node.isObject()) {
        throw error("expected a JSON object");
      }
      return node;
    }

    String singleField(JsonNode node) {
      if (node.size() != 1) {
        throw error(
            "expected one of \"watermark\", \"advanceProcessingTime\", \"end\" alone, or an"
                + " element with \"key\", \"value\", \"time\"");
      }
      return node.fieldNames().next();
    }

    Element element(JsonNode node) {
      for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
        String field = it.next().getKey();
        if (!ELEMENT_FIELDS.contains(field)) {
          throw error("unknown element field \"" + field + "\"");
        }
      }
      JsonNode key = node.get("key");
      if (key == null || !key.isTextual()) {
        throw error("element \"key\" must be a string");
      }
      JsonNode value = node.get("value");
      if (value == null || value.isNull()) {
        throw error("element \"value\" is missing or null");
      }
      JsonNode time = node.get("time");
      if (time == null) {
        throw error("element \"time\" is missing");
      }
      Instant at = time(time, "time");
      if (!at.isBefore(BoundedWindow.TIMESTAMP_MAX_VALUE)) {
        throw error("element time " + at + " is beyond Beam's maximum timestamp");
      }
      return new Element(key.textValue(), valueText(value), at, number);
    }

    private String valueText(JsonNode value) {
      if (value.isTextual()) {
        return value.textValue();
      }
      try {
        return JSON.writeValueAsString(value);
      } catch (JsonProcessingException e) {
        throw error("cannot write value as JSON", e);
      }
    }

    Instant time(JsonNode node, String field) {
      Instant at;
      if (node.isIntegralNumber() && node.canConvertToLong()) {
        at = Instant.ofEpochMilli(node.longValue());
      } else if (node.isTextual()) {
        at = parseTime(node.textValue(), field);
      } else {
        throw error("\"" + field + "\" must be an ISO-8601 date-time string or epoch millis");
      }
      if (at.isBefore(BoundedWindow.TIMESTAMP_MIN_VALUE)
          || at.isAfter(BoundedWindow.TIMESTAMP_MAX_VALUE)) {
        throw error("\"" + field + "\" " + at + " is outside Beam's timestamp range");
      }
      return at;
    }

    private Instant parseTime(String value, String field) {
      try {
        TemporalAccessor parsed =
            DateTimeFormatter.ISO_DATE_TIME.parseBest(
                value, ZonedDateTime::from, LocalDateTime::from);
        java.time.Instant instant =
            parsed instanceof ZonedDateTime
                ? ((ZonedDateTime) parsed).toInstant()
                : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
        return Instant.ofEpochMilli(instant.toEpochMilli());
      } catch (DateTimeException | ArithmeticException e) {
        throw error("\"" + field + "\" is not an ISO-8601 date-time: \"" + value + "\"", e);
      }
    }

    Duration duration(JsonNode node) {
      if (!node.isTextual()) {
        throw error("\"advanceProcessingTime\" must be an ISO-8601 duration string like PT5S");
      }
      java.time.Duration parsed;
      try {
        parsed = java.time.Duration.parse(node.textValue());
      } catch (DateTimeException e) {
        throw error("\"advanceProcessingTime\" is not an ISO-8601 duration", e);
      }
      if (parsed.toMillis() <= 0) {
        throw error("\"advanceProcessingTime\" must be at least one millisecond");
      }
      return Duration.millis(parsed.toMillis());
    }
  }
}
