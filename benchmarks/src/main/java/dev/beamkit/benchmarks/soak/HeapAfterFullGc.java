package dev.beamkit.benchmarks.soak;

import java.lang.management.ManagementFactory;

/**
 * The heap this JVM keeps alive: used heap right after a full collection, as {@code jcmd <pid>
 * GC.run} and {@code GC.heap_info} gave it by hand. {@code System.gc()} rather than the after-GC
 * figure of GC notifications: a young collection's "after" still holds whatever garbage sits in
 * the old generation, so those figures rise and fall with the collector's rhythm, not with what
 * the job keeps. {@code System.gc()} is a full, stop-the-world collection that returns when done
 * with G1, Parallel and Serial (unless {@code -XX:+ExplicitGCInvokesConcurrent} or {@code
 * -XX:+DisableExplicitGC} is given; the harness gives neither); the little the job allocates
 * between its end and the read is noise of a few MB at most. One pause per minute costs the soak
 * nothing it cannot catch up.
 */
final class HeapAfterFullGc {
  private HeapAfterFullGc() {}

  /** Collects everything, then returns the heap in use, in bytes. */
  static long measure() {
    System.gc();
    return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
  }
}
