package dev.beamkit.benchmarks.soak;

/**
 * What a soak measured at the end of one minute.
 *
 * @param minute minutes since the source started, from 1
 * @param readings readings generated so far
 * @param readingsPerSecond readings generated during this minute per second of it
 * @param heapAfterGcBytes heap in use right after a full collection
 * @param windowResults window results out so far
 * @param outputLagSeconds wall clock minus the end of the newest window out: about the window size
 *     plus lateness when the job keeps up, growing when it falls behind
 */
public record MinuteSample(
    int minute,
    long readings,
    double readingsPerSecond,
    long heapAfterGcBytes,
    long windowResults,
    double outputLagSeconds) {

  /** Heap after GC in MB (2^20 bytes). */
  public double heapAfterGcMb() {
    return heapAfterGcBytes / (1024.0 * 1024.0);
  }
}
