package dev.beamkit.transforms;

import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** Totals of beamkit's counters after a test pipeline ran. */
final class CounterTotals {
  private CounterTotals() {}

  /** Counter {@code name} of namespace {@link BeamkitMetrics#NAMESPACE}, summed over steps. */
  static long beamkit(PipelineResult run, String name) {
    long sum = 0;
    for (MetricResult<Long> counter :
        run.metrics()
            .queryMetrics(
                MetricsFilter.builder()
                    .addNameFilter(MetricNameFilter.named(BeamkitMetrics.NAMESPACE, name))
                    .build())
            .getCounters()) {
      sum += counter.getAttempted();
    }
    return sum;
  }
}
