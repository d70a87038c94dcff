package dev.beamkit.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TimestampedValue;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.jupiter.api.Test;

/** The JSONL scenario loader: formats, batching, TestStream events, errors, and every file. */
class ScenarioTest {
  private static final String READING =
      "{\"key\":\"Sensor1\",\"value\":{\"ts\":\"2024-03-01T12:00:05\",\"value\":42},"
          + "\"time\":\"2024-03-01T12:00:05\"}";

  private static Scenario parse(String... lines) {
    byte[] text = String.join("\n", lines).getBytes(StandardCharsets.UTF_8);
    return Scenario.load(new ByteArrayInputStream(text), "inline.jsonl");
  }

  private static IllegalArgumentException failure(String... lines) {
    return assertThrows(IllegalArgumentException.class, () -> parse(lines));
  }

  @Test
  void readsElementsWatermarksAndProcessingTime() {
    Scenario s =
        parse(
            "// a comment",
            READING,
            "{\"key\":\"Sensor2\",\"value\":\"plain text\",\"time\":1709294406000}",
            "",
            "{\"watermark\":\"2024-03-01T12:00:10Z\"}",
            "{\"advanceProcessingTime\":\"PT5S\"}",
            "{\"key\":\"Sensor1\",\"value\":[1, 2],\"time\":\"2024-03-01T13:00:07.123456+01:00\"}",
            "{\"end\":true}");

    assertEquals(4, s.steps().size());
    Scenario.Elements first = (Scenario.Elements) s.steps().get(0);
    assertEquals(
        List.of(
            new Scenario.Element(
                "Sensor1",
                "{\"ts\":\"2024-03-01T12:00:05\",\"value\":42}",
                Instant.parse("2024-03-01T12:00:05Z"),
                2),
            new Scenario.Element("Sensor2", "plain text", Instant.parse("2024-03-01T12:00:06Z"), 3)),
        first.elements());
    assertEquals(
        new Scenario.AdvanceWatermark(Instant.parse("2024-03-01T12:00:10Z"), 5), s.steps().get(1));
    assertEquals(
        new Scenario.AdvanceProcessingTime(Duration.standardSeconds(5), 6), s.steps().get(2));
    // Offsets are honoured and micros truncated to Beam's millisecond precision.
    assertEquals(
        new Scenario.Element("Sensor1", "[1,2]", Instant.parse("2024-03-01T12:00:07.123Z"), 7),
        ((Scenario.Elements) s.steps().get(3)).elements().get(0));
    assertEquals(3, s.elements().size());
    assertEquals(List.of(Instant.parse("2024-03-01T12:00:10Z")), s.watermarks());
  }

  @Test
  void buildsKeyValueTestStreamEndingAtInfinity() {
    TestStream<KV<String, String>> stream =
        parse(READING, READING, "{\"watermark\":\"2024-03-01T12:00:10\"}", READING).asKeyValues();

    List<TestStream.Event<KV<String, String>>> events = stream.getEvents();
    assertEquals(4, events.size());
    TestStream.ElementEvent<KV<String, String>> batch =
        (TestStream.ElementEvent<KV<String, String>>) events.get(0);
    List<TimestampedValue<KV<String, String>>> values = new ArrayList<>();
    batch.getElements().forEach(values::add);
    assertEquals(2, values.size());
    assertEquals(Instant.parse("2024-03-01T12:00:05Z"), values.get(0).getTimestamp());
    assertEquals("Sensor1", values.get(0).getValue().getKey());
    assertEquals(
        Instant.parse("2024-03-01T12:00:10Z"),
        ((TestStream.WatermarkEvent<?>) events.get(1)).getWatermark());
    assertTrue(events.get(2) instanceof TestStream.ElementEvent);
    assertEquals(
        org.apache.beam.sdk.transforms.windowing.BoundedWindow.TIMESTAMP_MAX_VALUE,
        ((TestStream.WatermarkEvent<?>) events.get(3)).getWatermark());
  }

  @Test
  void buildsRawRecordsWithUtf8KeyAndValue() {
    TestStream<RawRecord> stream =
        parse("{\"key\":\"Sensor\u00e9\",\"value\":\"\u00fcber\",\"time\":0}").asRawRecords();

    TestStream.ElementEvent<RawRecord> batch =
        (TestStream.ElementEvent<RawRecord>) stream.getEvents().get(0);
    RawRecord record = batch.getElements().iterator().next().getValue();
    assertEquals("Sensor\u00e9", record.keyAsString());
    assertEquals("\u00fcber", new String(record.value(), StandardCharsets.UTF_8));
    assertFalse(record.hasCoordinates());
  }

  @Test
  void reportsBadLinesWithFileAndLineNumber() {
    assertTrue(failure("// ok", "{not json").getMessage().startsWith("inline.jsonl:2: invalid JSON"));
    assertTrue(failure(READING, "[1]").getMessage().startsWith("inline.jsonl:2: expected a JSON object"));
    assertTrue(failure("{\"key\":\"a\",\"value\":1}").getMessage().contains("\"time\" is missing"));
    assertTrue(failure("{\"key\":1,\"value\":1,\"time\":0}").getMessage().contains("\"key\" must be a string"));
    assertTrue(failure("{\"key\":\"a\",\"value\":null,\"time\":0}").getMessage().contains("value"));
    assertTrue(failure("{\"key\":\"a\",\"value\":1,\"time\":0,\"extra\":1}").getMessage().contains("extra"));
    assertTrue(failure("{\"key\":\"a\",\"value\":1,\"time\":\"yesterday\"}").getMessage().contains("ISO-8601"));
    assertTrue(failure("{\"key\":\"a\",\"value\":1,\"time\":1.5}").getMessage().contains("epoch millis"));
    assertTrue(failure("{\"watermark\":\"2024-03-01T12:00:10\",\"x\":1}").getMessage().startsWith("inline.jsonl:1:"));
    assertTrue(failure("{\"watermak\":\"2024-03-01T12:00:10\"}").getMessage().contains("unknown field \"watermak\""));
    assertTrue(failure("{\"advanceProcessingTime\":\"5s\"}").getMessage().contains("duration"));
    assertTrue(failure("{\"advanceProcessingTime\":\"PT0S\"}").getMessage().contains("at least one millisecond"));
    assertTrue(failure("{\"end\":false}").getMessage().contains("must be true"));
    assertTrue(failure("{\"end\":true}", "", READING).getMessage().startsWith("inline.jsonl:3: nothing may follow"));
    assertTrue(failure("{\"watermark\":1000}", "{\"watermark\":1000}").getMessage().startsWith("inline.jsonl:2: watermark"));
    assertTrue(failure(READING + " {}").getMessage().startsWith("inline.jsonl:1: invalid JSON"));
  }

  @Test
  void namesTheFileWhenLoadingFromPath() throws Exception {
    Path file = Files.createTempFile("bad-scenario", ".jsonl");
    try {
      Files.writeString(file, READING + "\n{\"watermark\":true}\n");
      IllegalArgumentException e =
          assertThrows(IllegalArgumentException.class, () -> Scenario.load(file));
      assertTrue(e.getMessage().startsWith(file + ":2: "), e.getMessage());
    } finally {
      Files.delete(file);
    }
  }

  @Test
  void loadsEveryScenarioFile() {
    List<Path> files = ScenarioFiles.all();
    assertTrue(files.size() >= 4, "scenario files: " + files);
    for (Path file : files) {
      Scenario s = Scenario.load(file);
      assertFalse(s.elements().isEmpty(), file + " has no elements");
      assertFalse(s.watermarks().isEmpty(), file + " never advances the watermark");
      for (int i = 1; i < s.watermarks().size(); i++) {
        assertTrue(s.watermarks().get(i).isAfter(s.watermarks().get(i - 1)), file.toString());
      }
      // The stream has one event per step plus the final advance to infinity.
      assertEquals(s.steps().size() + 1, s.asKeyValues().getEvents().size(), file.toString());
      assertEquals(s.steps().size() + 1, s.asRawRecords().getEvents().size(), file.toString());
    }
  }

  @Test
  void sensorScenariosHaveTheDocumentedShape() {
    assertEquals(7, Scenario.load(ScenarioFiles.file("on-time.jsonl")).elements().size());
    assertEquals(6, Scenario.load(ScenarioFiles.file("late-within-lateness.jsonl")).elements().size());
    assertEquals(5, Scenario.load(ScenarioFiles.file("too-late-dropped.jsonl")).elements().size());
    assertEquals(9, Scenario.load(ScenarioFiles.file("out-of-order.jsonl")).elements().size());
    for (Path file : ScenarioFiles.all()) {
      for (Scenario.Element e : Scenario.load(file).elements()) {
        // The value's ts is the element time in ISO local form, as the pipeline reads it.
        String ts = e.value().replaceAll(".*\"ts\":\"([^\"]+)\".*", "$1");
        assertEquals(
            e.time(),
            Instant.parse(ts + "Z"),
            file + ":" + e.line());
      }
    }
  }
}
