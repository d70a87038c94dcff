package dev.beamkit.pipelines.replay;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.beamkit.transforms.time.EventTimeExtractor;
import dev.beamkit.transforms.time.EventTimeParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestdataFileTest {
  @TempDir Path dir;

  private static String utf8(byte[] b) {
    return b == null ? null : new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void envelopesKeepKeysAndPayloadsAndTheEventTimeBecomesTheTimestamp() throws Exception {
    Path file = dir.resolve("in.jsonl");
    Files.writeString(
        file,
        String.join(
            "\n",
            "// a comment",
            "{\"key\":\"Sensor1\",\"value\":{\"ts\":\"2024-03-01T12:00:01\",\"value\":4}}",
            "{\"kind\":\"x\",\"key\":\"Sensor2\",\"value\":\"{\\\"ts\\\":\\\"2024-03-01T12:00:0\"}",
            "{\"key\":null,\"valueBase64\":\"/w==\"}",
            "{\"keyBase64\":\"AP8=\",\"value\":null}",
            "{\"event\":\"click\",\"event_timestamp\":\"2024-03-01 12:00:02\"}",
            ""));
    List<ReplayRecord> records = TestdataFile.read(file, EventTimeExtractor.field("ts", EventTimeParser.auto()));
    assertEquals(5, records.size());
    assertEquals("Sensor1", utf8(records.get(0).key()));
    assertEquals("{\"ts\":\"2024-03-01T12:00:01\",\"value\":4}", utf8(records.get(0).value()));
    assertEquals(Instant.parse("2024-03-01T12:00:01Z").toEpochMilli(), records.get(0).timestampMillis());
    assertEquals("{\"ts\":\"2024-03-01T12:00:0", utf8(records.get(1).value()));
    assertNull(records.get(1).timestampMillis(), "an unreadable time gets no timestamp");
    assertNull(records.get(2).key());
    assertArrayEquals(new byte[] {(byte) 0xff}, records.get(2).value());
    assertArrayEquals(new byte[] {0, (byte) 0xff}, records.get(3).key());
    assertNull(records.get(3).value());
    assertEquals("{\"event\":\"click\",\"event_timestamp\":\"2024-03-01 12:00:02\"}", utf8(records.get(4).value()));
  }

  @Test
  void textFilesAreOneValuePerNonBlankLine() throws Exception {
    Path file = dir.resolve("in.txt");
    Files.writeString(file, "one line\n\n  \nzwei Zeilen\n");
    List<ReplayRecord> records = TestdataFile.read(file, null);
    assertEquals(List.of("one line", "zwei Zeilen"), records.stream().map(r -> utf8(r.value())).toList());
  }

  @Test
  void everyTestdataFileReads() {
    assertEquals(300, TestdataFile.read(Path.of("../testdata/sensors.jsonl"), null).size());
    assertEquals(200, TestdataFile.read(Path.of("../testdata/user-events.jsonl"), null).size());
    assertEquals(28, TestdataFile.read(Path.of("../testdata/bad-records.jsonl"), null).size());
  }
}
