package dev.beamkit.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ReferenceTest {
  private static final Workload WORKLOAD = Workload.of(20_000);
  private static final Reference REFERENCE = Reference.compute(WORKLOAD);

  @Test
  void harnessReferenceAgreesWithTheTestsRecomputation() {
    assertEquals(Recompute.windows(WORKLOAD), REFERENCE.windows());
    assertEquals(Recompute.scan(WORKLOAD), REFERENCE.scan());
    assertEquals(20_000, REFERENCE.scan().items());
  }

  @Test
  void workloadSpansManyWindowsOfEverySensor() {
    // 0-1 s between readings: 20k readings cover ~10^4 s, ~1000 windows, each sensor in most.
    long windows = REFERENCE.windows().items();
    assertTrue(windows > 4_000 && windows < 5_001, "windows: " + windows);
  }

  @Test
  void sameSeedSameAnswerOtherSeedOtherAnswer() {
    Workload small = Workload.of(2_000);
    Workload other = new Workload(2_000, Workload.DEFAULT_SEED + 1, Workload.DEFAULT_START);
    assertEquals(Reference.compute(small), Reference.compute(Workload.of(2_000)));
    assertNotEquals(Reference.compute(small).windows(), Reference.compute(other).windows());
  }
}
