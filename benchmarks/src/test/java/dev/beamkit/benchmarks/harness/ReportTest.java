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
    return new Measurement("flink-native", "kafka", 1000, 2, 500, 64 << 20, 16 << 20, 200 << 20, 3, 40, answer);
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
        "flink-native,kafka,OK,1000,2,500,2000,64.0,16.0,200.0,3,40,10,aa,10,aa,\"\"", csv.get(1));
    assertEquals(
        "flink-native,kafka,WRONG_ANSWER,1000,2,,,,,,,,9,bb,10,aa,\"gave 9 items, checksum bb\"", csv.get(2));
    assertTrue(csv.get(3).startsWith("kafka-streams,kafka,FAILED,,,,,,,,,,,,10,aa,"), csv.get(3));
    assertEquals(columns, csv.get(1).split(",", -1).length);
    assertEquals(columns, csv.get(3).replace("\"died, \"\"badly\"\"\"", "x").split(",", -1).length);
    assertTrue(Files.readString(dir.resolve("results.json")).contains("\"WRONG_ANSWER\""));
  }
}
