package dev.beamkit.pipelines;

import dev.beamkit.transforms.BeamkitMetrics;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/**
 * The counters of a run that tell whether records were lost: parsed, dead-lettered (beamkit's own
 * counters) and dropped as too late (counted by the runner's windowing, whatever its namespace).
 */
public final class RunMetrics {
  /**
   * Name the Beam runners give the counter of elements dropped behind the allowed lateness;
   * runners-core spells it {@code droppedDueToLateness}, the DirectRunner {@code
   * DroppedDueToLateness}, so it is matched ignoring case.
   */
  public static final String DROPPED_TOO_LATE = "droppedDueToLateness";

  private final Map<String, Long> counters;

  private RunMetrics(Map<String, Long> counters) {
    this.counters = counters;
  }

  /** Reads the counters of {@code result}, summed over steps; attempted values, as runners agree on those. */
  public static RunMetrics of(PipelineResult result) {
    Map<String, Long> counters = new TreeMap<>();
    try {
      MetricQueryResults metrics = result.metrics().queryMetrics(MetricsFilter.builder().build());
      for (MetricResult<Long> counter : metrics.getCounters()) {
        String namespace = counter.getName().getNamespace();
        String name = counter.getName().getName();
        boolean tooLate = name.equalsIgnoreCase(DROPPED_TOO_LATE);
        if (namespace.equals(BeamkitMetrics.NAMESPACE) || tooLate) {
          String key = tooLate ? "dropped-too-late" : name;
          counters.merge(key, counter.getAttempted(), Long::sum);
        }
      }
    } catch (UnsupportedOperationException e) {
      // Some runners cannot report metrics while (or after) running; print what we have.
    }
    return new RunMetrics(counters);
  }

  /** The counter's value, 0 when the run never counted it. */
  public long get(String name) {
    return counters.getOrDefault(name, 0L);
  }

  public Map<String, Long> all() {
    return counters;
  }

  public void print(PrintStream out) {
    out.println("counters: " + (counters.isEmpty() ? "(none reported)" : counters));
  }
}
