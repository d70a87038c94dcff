package dev.beamkit.benchmarks.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamkit.benchmarks.Answer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportTest {
  private static final Answer RIGHT = new Answer(10, "aa");
  @TempDir Path dir;

  private static Measurement measured(Answer answer) {
    return measured("flink-native", 500, answer);
  }

  private static Measurement measured(String impl, long wallMillis, Answer answer) {
    return new Measurement(impl, "kafka", 1000, 2, wallMillis, 64 << 20, 16 << 20, 200 << 20, 3, 40, 250, answer);
  }

  @Test
  void speedOnlyForRightAnswersAndEveryRowAsWideAsTheHeader() throws Exception {
    List<ReportRow> rows =
        List.of(
            ReportRow.judged(measured(RIGHT), RIGHT),
            ReportRow.judged(measured(new Answer(9, "bb")), RIGHT),
            ReportRow.failed("kafka-streams", "kafka", RIGHT, new IllegalStateException("died, \"badly\"")));

    Report.write(dir, Map.of("events", 1000), rows);

    List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
    int columns = csv.get(0).split(",", -1).length;
    assertEquals(4, csv.size());
    assertEquals(
        "flink-native,kafka,OK,1000,2,500,2000,1.000,,250,4000,64.0,16.0,200.0,3,40,10,aa,10,aa,\"\"", csv.get(1));
    assertEquals(
        "flink-native,kafka,WRONG_ANSWER,1000,2,,,,,,,,,,,,9,bb,10,aa,\"gave 9 items, checksum bb\"", csv.get(2));
    assertTrue(csv.get(3).startsWith("kafka-streams,kafka,FAILED,,,,,,,,,,,,,,,,10,aa,"), csv.get(3));
    assertEquals(columns, csv.get(1).split(",", -1).length);
    assertEquals(columns, csv.get(3).replace("\"died, \"\"badly\"\"\"", "x").split(",", -1).length);
    assertTrue(Files.readString(dir.resolve("results.json")).contains("\"WRONG_ANSWER\""));
  }

  @Test
  void speedsAreComparedWithNativeFlinkAndTheReadLimitOfTheSameMode() throws Exception {
    List<ReportRow> rows =
        List.of(
            ReportRow.judged(measured("read-limit", 250, RIGHT), RIGHT),
            ReportRow.judged(measured("flink-native", 500, RIGHT), RIGHT),
            ReportRow.judged(measured("beamkit-flink", 1000, RIGHT), RIGHT));

    Report.write(dir, Map.of("events", 1000), rows);

    List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
    assertTrue(csv.get(3).startsWith("beamkit-flink,kafka,OK,1000,2,1000,1000,0.500,0.250,"), csv.get(3));
    String md = Files.readString(dir.resolve("results.md"));
    assertTrue(md.contains("**kafka mode**"), md);
    assertTrue(md.contains("| beamkit-flink | 1,000 | 0.50 | 0.25 | 1.0 | 0.3 | 64 | 16 | 200 | 40 |"), md);
    assertTrue(Files.size(dir.resolve("results.png")) > 1000, "a chart was drawn");
  }
}
