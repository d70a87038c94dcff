package dev.beamkit.benchmarks.soak;

import java.io.PrintStream;
import java.util.List;
import java.util.Locale;

/**
 * What a soak measured and what it means: the heap's least-squares slope after a warm-up, whether
 * the job held the target rate (a soak that does not is no soak), and whether every closed window
 * counted every reading generated for it.
 *
 * @param samples one per minute
 * @param readings readings generated in all
 * @param peakHeapBytes largest heap use seen (garbage included), as the benchmark's peak heap
 * @param windowResults window results out in all
 * @param otherPanes results that were not ON_TIME panes (none expected: the input is in order)
 * @param windowsCompared windows whose generated and counted readings were compared
 * @param windowsLost one line per window whose ON_TIME panes counted other than what was generated
 * @param jobState how the job ended
 */
public record SoakReport(
    SoakPlan plan,
    List<MinuteSample> samples,
    long readings,
    long peakHeapBytes,
    long windowResults,
    long otherPanes,
    int windowsCompared,
    List<String> windowsLost,
    String jobState) {
  /** Share of the target rate a soak must reach to count as having held it. */
  static final double HELD_SHARE = 0.99;

  /** Longest warm-up dropped from the slope, in minutes. */
  static final int MAX_WARMUP_MINUTES = 5;

  /**
   * Minutes left out of the slope: start-up, JIT compilation and the first windows filling the
   * state fall into them. Five of a long soak; a third of a short one, so that some remain.
   */
  public static int warmupMinutes(int samples) {
    return Math.min(MAX_WARMUP_MINUTES, samples / 3);
  }

  /** Least-squares slope of heap after GC in MB per minute over the samples after the warm-up; NaN with fewer than two. */
  public double slopeMbPerMinute() {
    List<LeastSquares.Point> points =
        samples.subList(warmupMinutes(samples.size()), samples.size()).stream()
            .map(s -> new LeastSquares.Point(s.minute(), s.heapAfterGcMb()))
            .toList();
    return points.size() < 2 ? Double.NaN : LeastSquares.slope(points);
  }

  /** Readings generated per second over the soak's length. */
  public double achievedPerSecond() {
    return readings * 1000.0 / plan.length().toMillis();
  }

  /** Whether the achieved rate is at least {@link #HELD_SHARE} of the target. */
  public boolean held() {
    return achievedPerSecond() >= HELD_SHARE * plan.perSecond();
  }

  /** The soak ran its length at its rate, the job finished, and no window lost readings. */
  public boolean ok() {
    return held() && windowsLost.isEmpty() && "DONE".equals(jobState);
  }

  /** The per-minute table's header. */
  public static void printHeader(PrintStream out) {
    out.println("[soak] minute    readings  readings/s  heap after GC MB  window results  output lag s");
  }

  /** One line of the per-minute table. */
  public static void print(PrintStream out, MinuteSample s) {
    out.printf(
        Locale.ROOT,
        "[soak] %6d %,11d %,11.0f %17.1f %,15d %13.1f%n",
        s.minute(), s.readings(), s.readingsPerSecond(), s.heapAfterGcMb(), s.windowResults(), s.outputLagSeconds());
  }

  /** The summary below the table. */
  public void printSummary(PrintStream out) {
    say(out, "%s, %s at a target of %,d readings/s from %,d sensors, parallelism %d; job %s",
        plan.impl(), plan.lengthText(), plan.perSecond(), plan.sensors(), plan.parallelism(), jobState);
    say(out, "rate: %,d readings = %,.0f/s, %.1f %% of the target: %s",
        readings, achievedPerSecond(), 100 * achievedPerSecond() / plan.perSecond(),
        held() ? "held" : "NOT HELD - the job could not keep up, so this is no soak at this rate; try a lower --rate");
    if (!samples.isEmpty()) {
      int warmup = warmupMinutes(samples.size());
      double slope = slopeMbPerMinute();
      say(out, "heap after full GC: first %.1f MB, last %.1f MB, min %.1f, max %.1f",
          samples.get(0).heapAfterGcMb(), samples.get(samples.size() - 1).heapAfterGcMb(),
          samples.stream().mapToDouble(MinuteSample::heapAfterGcMb).min().orElseThrow(),
          samples.stream().mapToDouble(MinuteSample::heapAfterGcMb).max().orElseThrow());
      if (Double.isNaN(slope)) {
        say(out, "slope: n/a (fewer than two samples after a warm-up of %d min)", warmup);
      } else {
        say(out, "slope: %+.3f MB/min by least squares over minutes %d-%d (warm-up: the first %d min dropped)",
            slope, warmup + 1, samples.size(), warmup);
      }
    }
    say(out, "peak heap (garbage included): %.0f MB", peakHeapBytes / (1024.0 * 1024.0));
    say(out, "windows: %,d results, %,d windows compared, %s; %,d results not ON_TIME",
        windowResults, windowsCompared,
        windowsLost.isEmpty()
            ? "each counted every reading generated for it: none lost"
            : windowsLost.size() + " LOST readings: " + String.join("; ", windowsLost.subList(0, Math.min(5, windowsLost.size()))),
        otherPanes);
  }

  private static void say(PrintStream out, String format, Object... args) {
    out.printf(Locale.ROOT, "[soak] " + format + "%n", args);
  }
}
