package dev.beamkit.transforms;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Test-side loader for {@code testdata/bad-records.jsonl}: one sensor message per line, good or
 * bad in one particular way ({@code kind}), turned into {@link RawRecord}s with coordinates.
 *
 * <p>Line format: {@code kind}; the key as {@code key} (string or null) or {@code keyBase64}; the
 * payload as {@code value} (the payload text, or null for a null payload) or {@code valueBase64}
 * (raw bytes, for payloads that are not UTF-8). Record {@code i} (0-based line number) gets topic
 * {@link #TOPIC}, partition 0 and offset {@code i}, so tests can check that coordinates survive.
 */
public final class BadRecordsFile {
  /** Relative to the module directory, where Maven runs the tests. */
  static final Path PATH = Path.of("..", "testdata", "bad-records.jsonl");

  static final String TOPIC = "raw-temp-data";
  static final String GOOD = "good";

  private BadRecordsFile() {}

  /** One line of the file. */
  record Line(String kind, RawRecord record) {
    boolean isGood() {
      return GOOD.equals(kind);
    }
  }

  /** All lines, in file order. */
  static List<Line> load() {
    ObjectMapper json = new ObjectMapper();
    List<Line> lines = new ArrayList<>();
    try {
      for (String text : Files.readAllLines(PATH, StandardCharsets.UTF_8)) {
        if (text.isBlank()) {
          continue;
        }
        JsonNode line = json.readTree(text);
        RawRecord record =
            RawRecord.fromLog(
                TOPIC, 0, lines.size(), bytes(line, "key", "keyBase64"), bytes(line, "value", "valueBase64"));
        lines.add(new Line(line.get("kind").asText(), record));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + PATH.toAbsolutePath(), e);
    }
    return lines;
  }

  /** The records of lines whose kind is (or is not) {@link #GOOD}. */
  static List<RawRecord> records(boolean good) {
    List<RawRecord> records = new ArrayList<>();
    for (Line line : load()) {
      if (line.isGood() == good) {
        records.add(line.record());
      }
    }
    return records;
  }

  /** The original records of {@code deadLetters}, for {@code PAssert...containsInAnyOrder}. */
  static PCollection<RawRecord> originals(PCollection<DeadLetter> deadLetters) {
    return deadLetters
        .apply(
            "Originals",
            MapElements.into(TypeDescriptor.of(RawRecord.class)).via(DeadLetter::original))
        .setCoder(RawRecord.Coder.of());
  }

  /**
   * {@code "<offset> <step>: <message>"} per dead letter; strings, because RawRecord is not
   * Serializable and so cannot be captured by a {@code PAssert.satisfies} lambda.
   */
  static PCollection<String> summaries(PCollection<DeadLetter> deadLetters) {
    return deadLetters.apply(
        "Summaries",
        MapElements.into(TypeDescriptors.strings())
            .via(d -> d.original().offset() + " " + d.step() + ": " + d.errorMessage()));
  }

  private static byte @Nullable [] bytes(JsonNode line, String textField, String base64Field) {
    if (line.hasNonNull(base64Field)) {
      return Base64.getDecoder().decode(line.get(base64Field).asText());
    }
    JsonNode text = line.get(textField);
    return text == null || text.isNull() ? null : text.asText().getBytes(StandardCharsets.UTF_8);
  }

  /** The typed sensor message: {@code sensor} comes from the Kafka key. */
  @DefaultCoder(SensorReading.Coder.class)
  public record SensorReading(String sensor, String ts, double value) {
    /** Deterministic coder: nullable strings, then the double. */
    public static final class Coder extends AtomicCoder<SensorReading> {
      private static final NullableCoder<String> STRING = NullableCoder.of(StringUtf8Coder.of());

      public static Coder of() {
        return new Coder();
      }

      /** Beam's {@code @DefaultCoder} looks for this method, not for {@code of()}. */
      public static CoderProvider getCoderProvider() {
        return CoderProviders.forCoder(TypeDescriptor.of(SensorReading.class), of());
      }

      @Override
      public void encode(SensorReading r, OutputStream out) throws IOException {
        STRING.encode(r.sensor, out);
        STRING.encode(r.ts, out);
        DoubleCoder.of().encode(r.value, out);
      }

      @Override
      public SensorReading decode(InputStream in) throws IOException {
        return new SensorReading(STRING.decode(in), STRING.decode(in), DoubleCoder.of().decode(in));
      }

      @Override
      public void verifyDeterministic() {}
    }
  }
}
