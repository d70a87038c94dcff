package dev.beamkit.benchmarks;

import java.time.Duration;

/** The windowing of sensor-downsample, shared so every implementation windows the same way. */
public final class SensorWindows {
  /** Fixed event-time windows of 10 s. */
  public static final Duration SIZE = Duration.ofSeconds(10);

  /** Readings up to 1 s behind the watermark still update their window. */
  public static final Duration ALLOWED_LATENESS = Duration.ofSeconds(1);

  private SensorWindows() {}

  /** Start of the window holding {@code timestampMillis}: windows are aligned to the epoch. */
  public static long windowStart(long timestampMillis) {
    return timestampMillis - Math.floorMod(timestampMillis, SIZE.toMillis());
  }
}
