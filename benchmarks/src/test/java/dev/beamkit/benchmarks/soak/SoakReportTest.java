package dev.beamkit.benchmarks.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SoakReportTest {
  private static final long MB = 1024 * 1024;
  private static final SoakPlan TEN_MINUTES = new SoakPlan("beamkit-flink-stateful", 20_000, 600, 1000, 2, "run");

  /** Samples whose heap after GC is {@code heapMb[i]} at minute i + 1, at the target rate. */
  private static List<MinuteSample> samples(double... heapMb) {
    List<MinuteSample> s = new ArrayList<>();
    for (int i = 0; i < heapMb.length; i++) {
      s.add(new MinuteSample(i + 1, (i + 1) * 1_200_000L, 20_000, (long) (heapMb[i] * MB), (i + 1) * 6000L, 11));
    }
    return s;
  }

  private static SoakReport report(List<MinuteSample> samples, long readings, List<String> lost) {
    return new SoakReport(TEN_MINUTES, samples, readings, 500 * MB, 60_000, 0, 60, lost, "DONE");
  }

  @Test
  void warmUpIsFiveMinutesOfALongSoakAndAThirdOfAShortOne() {
    assertEquals(5, SoakReport.warmupMinutes(30));
    assertEquals(5, SoakReport.warmupMinutes(15));
    assertEquals(1, SoakReport.warmupMinutes(3));
    assertEquals(0, SoakReport.warmupMinutes(2));
  }

  @Test
  void slopeLeavesTheWarmUpOut() {
    // Ten minutes: the first three (warm-up) climb steeply, the rest grow 0.5 MB a minute.
    SoakReport r = report(samples(40, 80, 120, 60, 60.5, 61, 61.5, 62, 62.5, 63), 12_000_000, List.of());
    assertEquals(0.5, r.slopeMbPerMinute(), 1e-9);
  }

  @Test
  void slopeIsNotANumberWithFewerThanTwoSamplesAfterTheWarmUp() {
    assertTrue(Double.isNaN(report(samples(60), 1_200_000, List.of()).slopeMbPerMinute()));
  }

  @Test
  void aRateBelowNinetyNinePercentOfTheTargetIsNotHeldAndSaysSo() {
    SoakReport held = report(samples(60, 60, 60), 11_900_000, List.of()); // 19,833/s of 20,000
    SoakReport notHeld = report(samples(60, 60, 60), 9_000_000, List.of()); // 15,000/s
    assertTrue(held.held());
    assertTrue(held.ok());
    assertFalse(notHeld.held());
    assertFalse(notHeld.ok());
    assertTrue(summary(notHeld).contains("NOT HELD"), summary(notHeld));
  }

  @Test
  void aLostWindowFailsTheSoak() {
    SoakReport r = report(samples(60, 60, 60), 12_000_000, List.of("2026-11-24T00:00:10Z generated 200000 counted 199990"));
    assertFalse(r.ok());
    assertTrue(summary(r).contains("1 LOST"), summary(r));
  }

  @Test
  void lostWindowsAreThoseWhosePanesCountedOtherThanWasGenerated() {
    List<String> lost =
        SoakRun.lostWindows(Map.of(0L, 5L, 10_000L, 7L, 20_000L, 3L), Map.of(0L, 5L, 10_000L, 6L));
    assertEquals(
        List.of("1970-01-01T00:00:10Z generated 7 counted 6", "1970-01-01T00:00:20Z generated 3 counted 0"),
        lost.stream().sorted().toList());
  }

  private static String summary(SoakReport r) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    r.printSummary(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    return bytes.toString(StandardCharsets.UTF_8);
  }
}
