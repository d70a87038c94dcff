package dev.beamkit.benchmarks.harness;

import dev.beamkit.benchmarks.Answer;

/**
 * What one run of one implementation in one mode measured, and the answer it gave.
 *
 * @param wallMillis from the start of {@code Implementation.run} (engine start-up included) until
 *     the last result was written: the last record's log-append time in kafka mode
 * @param peakHeapBytes largest heap use seen during the run, garbage included
 * @param peakHeapAfterGcBytes largest heap use right after a collection: nearer the live set
 * @param peakRssBytes the process's resident-set high-water mark (VmHWM) at the end of the run;
 *     covers the whole process, so it is per implementation only when each runs in its own JVM
 * @param gcCount collections during the run
 * @param gcMillis time spent collecting during the run, summed over collectors
 * @param cpuMillis CPU time the whole process used during the run, all threads and cores: less
 *     sensitive than wall time to other work on the machine, so before/after comparisons of a
 *     change use it
 */
public record Measurement(
    String impl,
    String mode,
    long events,
    int parallelism,
    long wallMillis,
    long peakHeapBytes,
    long peakHeapAfterGcBytes,
    long peakRssBytes,
    long gcCount,
    long gcMillis,
    long cpuMillis,
    Answer answer) {

  /** Input events per second of wall time. */
  public double eventsPerSecond() {
    return wallMillis <= 0 ? 0 : events * 1000.0 / wallMillis;
  }

  /** Input events per second of CPU time (summed over cores). */
  public double eventsPerCpuSecond() {
    return cpuMillis <= 0 ? 0 : events * 1000.0 / cpuMillis;
  }
}
