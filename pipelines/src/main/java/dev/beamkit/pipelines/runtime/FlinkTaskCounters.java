package dev.beamkit.pipelines.runtime;

import dev.beamkit.transforms.BeamkitMetrics;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.runners.core.metrics.MetricsContainerStepMap;
import org.apache.beam.sdk.metrics.MetricName;
import org.apache.beam.sdk.metrics.MetricResults;

/**
 * Beam's counters as Flink task metrics hold them: each Beam counter (and gauge) is also a Flink
 * counter (gauge) {@code <namespace>_<name>} in its step's operator, which the FlinkRunner updates
 * after every bundle. Named {@code <subtask>.<operator>.<metric>}, as Flink's REST API lists a vertex's
 * metrics; read from a session cluster's REST API ({@link FlinkClusterJob}) or, on the local
 * cluster, from the metric objects themselves ({@link FlinkLocalMetrics}).
 */
final class FlinkTaskCounters {
  /** {@code <subtask>.<operator>.beamkit_<counter>}: a beamkit counter of one subtask. */
  private static final Pattern BEAMKIT = Pattern.compile("\\d+\\.(.+)\\.beamkit_([^.]+)");

  /** The runners-core counter of elements dropped behind the allowed lateness. */
  private static final String DROPPED = "droppedduetolateness";

  private FlinkTaskCounters() {}

  /** Whether the metric {@code <subtask>.<operator>.<metric>} is one the runtime reports. */
  static boolean wanted(String id) {
    return BEAMKIT.matcher(id).matches() || id.toLowerCase(Locale.ROOT).endsWith(DROPPED);
  }

  /**
   * The wanted metrics, id → value, as Beam's metric results: counters summed over the subtasks
   * per step, the newest-event-time gauge the highest of them.
   */
  static MetricResults of(Map<String, Long> values) {
    MetricsContainerStepMap counters = new MetricsContainerStepMap();
    Map<String, Long> newestPerStep = new HashMap<>();
    values.forEach(
        (id, value) -> {
          Matcher beamkit = BEAMKIT.matcher(id);
          if (beamkit.matches() && beamkit.group(2).equals(BeamkitMetrics.NEWEST_EVENT_TIME)) {
            newestPerStep.merge(beamkit.group(1), value, Math::max);
          } else if (beamkit.matches()) {
            counters.getContainer(beamkit.group(1)).getCounter(MetricName.named(BeamkitMetrics.NAMESPACE, beamkit.group(2))).inc(value);
          } else if (wanted(id)) {
            counters.getContainer(id).getCounter(MetricName.named("runners-core", "droppedDueToLateness")).inc(value);
          }
        });
    newestPerStep.forEach(
        (step, newest) ->
            counters.getContainer(step).getGauge(MetricName.named(BeamkitMetrics.NAMESPACE, BeamkitMetrics.NEWEST_EVENT_TIME)).set(newest));
    return MetricsContainerStepMap.asAttemptedOnlyMetricResults(counters);
  }
}
