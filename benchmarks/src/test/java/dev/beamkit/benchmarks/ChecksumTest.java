package dev.beamkit.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ChecksumTest {
  private static final WindowResult A = WindowResult.of("Sensor1", 0, 10_000, 3, 1, 7, 10);
  private static final WindowResult B = WindowResult.of("Sensor2", 0, 10_000, 2, 4, 5, 9);
  private static final WindowResult C = WindowResult.of("Sensor1", 10_000, 20_000, 1, 3, 3, 3);

  @Test
  void orderOfResultsDoesNotMatter() {
    List<WindowResult> shuffled = new ArrayList<>(List.of(A, B, C));
    Collections.shuffle(shuffled, new Random(7));
    assertEquals(Checksum.of(List.of(A, B, C)), Checksum.of(shuffled));
  }

  @Test
  void meanOneUlpOffChangesTheChecksum() {
    WindowResult off = new WindowResult(A.sensor(), A.windowStart(), A.windowEnd(), A.count(), A.min(), A.max(), Math.nextUp(A.mean()));
    assertNotEquals(Checksum.of(List.of(A, B)), Checksum.of(List.of(off, B)));
  }

  @Test
  void aMissingOrDuplicatedResultChangesTheAnswer() {
    Answer right = Answer.ofWindows(List.of(A, B, C));
    assertNotEquals(right, Answer.ofWindows(List.of(A, B)));
    assertNotEquals(right, Answer.ofWindows(List.of(A, B, C, C)));
  }

  @Test
  void meanIsSumOverCount() {
    assertEquals(10.0 / 3, A.mean());
    assertEquals("Sensor1,0,10000,3,1.0,7.0,3.3333333333333335", A.canonicalLine());
  }

  @Test
  void jsonRoundTripKeepsEveryBit() {
    WindowResult third = WindowResult.of("Sensor5", 1_709_294_400_000L, 1_709_294_410_000L, 3, 0.1, 99, 100.3);
    assertEquals(third, WindowJson.read(WindowJson.write(third)));
    assertEquals(A, WindowJson.read(WindowJson.write(A)));
  }

  @Test
  void jsonHasSensorDownsamplesFields() {
    String json = new String(WindowJson.write(C), java.nio.charset.StandardCharsets.UTF_8);
    assertEquals(
        "{\"sensor\":\"Sensor1\",\"time\":20000,\"windowStart\":10000,\"timing\":\"ON_TIME\","
            + "\"temperature\":{\"count\":1,\"min\":3.0,\"max\":3.0,\"mean\":3.0}}",
        json);
  }

  @Test
  void parserReadsIsoLocalTimeAsUtcMillis() {
    TimedValue v = ReadingParser.parse("{\"ts\":\"2024-03-01T12:00:00.123456\",\"value\":42}".getBytes());
    assertEquals(new TimedValue(1_709_294_400_123L, 42.0), v);
    assertThrows(IllegalArgumentException.class, () -> ReadingParser.parse("{\"value\":1}".getBytes()));
  }
}
