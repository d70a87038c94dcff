package dev.beamkit.benchmarks.kstreams;

import dev.beamkit.benchmarks.WindowResult;

/** Count, min, max and sum of one window so far; immutable, as Kafka Streams aggregates expect. */
record WindowStats(long count, double min, double max, double sum) {

  static WindowStats empty() {
    return new WindowStats(0, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0);
  }

  WindowStats add(double value) {
    return new WindowStats(count + 1, Math.min(min, value), Math.max(max, value), sum + value);
  }

  WindowResult result(String sensor, long windowStart, long windowEnd) {
    return WindowResult.of(sensor, windowStart, windowEnd, count, min, max, sum);
  }
}
