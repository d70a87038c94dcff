package dev.beamkit.benchmarks;

import java.util.Collection;

/**
 * What a run computed, reduced to something comparable: how many items and a checksum over them.
 * Two runs agree when their answers are equal; a run's speed is reported only if its answer equals
 * the reference answer.
 */
public record Answer(long items, String checksum) {

  /** The answer of a windowing run: its final window results. */
  public static Answer ofWindows(Collection<WindowResult> results) {
    return new Answer(results.size(), Checksum.of(results));
  }

  /** The answer of a read-only run: its totals over every parsed record. */
  public static Answer ofScan(ScanTotals totals) {
    return new Answer(totals.records(), Checksum.ofText(totals.canonicalLine()));
  }
}
