package dev.beamkit.pipelines.runtime;

import dev.beamkit.transforms.BeamkitMetrics;
import java.io.PrintStream;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.GaugeResult;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;
import org.checkerframework.checker.nullness.qual.Nullable;

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
  private final @Nullable Long newestEventTime;
  private final boolean reported;

  private RunMetrics(Map<String, Long> counters, @Nullable Long newestEventTime, boolean reported) {
    this.counters = counters;
    this.newestEventTime = newestEventTime;
    this.reported = reported;
  }

  /** Reads the counters of {@code result}, summed over steps; attempted values, as runners agree on those. */
  public static RunMetrics of(PipelineResult result) {
    Map<String, Long> counters = new TreeMap<>();
    Long newestEventTime = null;
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
      for (MetricResult<GaugeResult> gauge : metrics.getGauges()) {
        if (gauge.getName().getName().equals(BeamkitMetrics.NEWEST_EVENT_TIME)) {
          long value = gauge.getAttempted().getValue(); // -1 when the gauge was never set
          if (value < 0) {
            continue;
          }
          newestEventTime = newestEventTime == null ? value : Math.max(newestEventTime, value);
        }
      }
    } catch (UnsupportedOperationException e) {
      // The FlinkRunner's detached result (a job on a session cluster) reports no metrics.
      return new RunMetrics(counters, null, false);
    }
    return new RunMetrics(counters, newestEventTime, true);
  }

  /** The counter's value, 0 when the run never counted it. */
  public long get(String name) {
    return counters.getOrDefault(name, 0L);
  }

  /**
   * The newest event time (epoch millis) the Kafka source delivered, the maximum over the steps
   * and workers that report the gauge; null before the first record or when the runner reports no
   * gauges.
   */
  public @Nullable Long newestEventTime() {
    return newestEventTime;
  }

  /** Whether the runner answered at all; a runner that cannot report metrics leaves every counter 0. */
  public boolean reported() {
    return reported;
  }

  public Map<String, Long> all() {
    return counters;
  }

  public void print(PrintStream out) {
    out.println("counters: " + (counters.isEmpty() ? "(none reported)" : counters));
  }
}
