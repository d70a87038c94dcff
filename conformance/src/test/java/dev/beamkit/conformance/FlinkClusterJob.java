package dev.beamkit.conformance;

import java.io.IOException;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.runners.core.metrics.MetricsContainerStepMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricName;
import org.apache.beam.sdk.metrics.MetricResults;
import org.joda.time.Duration;

/**
 * A job the FlinkRunner submitted to the session cluster, detached, with Beam's counters read
 * from the cluster's REST API while it runs. The runner's own result reads them from the job's
 * accumulators, where the FlinkRunner puts them only when a task ends: empty while a streaming
 * job runs. But each Beam counter is also a Flink task metric, {@code <namespace>_<name>} in the
 * step's operator (the runner updates it after every bundle), and the REST API lists those.
 */
final class FlinkClusterJob implements PipelineResult {
  /** {@code <subtask>.<operator>.beamkit_<counter>}: a beamkit counter of one subtask. */
  private static final Pattern BEAMKIT = Pattern.compile("\\d+\\.(.+)\\.beamkit_([^.]+)");

  /** The runners-core counter of elements dropped behind the allowed lateness. */
  private static final String DROPPED = "droppedduetolateness";

  private final PipelineResult runnerResult;
  private final String jobName;

  FlinkClusterJob(PipelineResult runnerResult, String jobName) {
    this.runnerResult = runnerResult;
    this.jobName = jobName;
  }

  @Override
  public State getState() {
    return runnerResult.getState();
  }

  @Override
  public State cancel() throws IOException {
    return runnerResult.cancel();
  }

  @Override
  public State waitUntilFinish(Duration duration) {
    return runnerResult.waitUntilFinish(duration);
  }

  @Override
  public State waitUntilFinish() {
    return runnerResult.waitUntilFinish();
  }

  /** The beamkit counters and the late-data drop counter as the cluster's task metrics hold them. */
  @Override
  public MetricResults metrics() {
    MetricsContainerStepMap counters = new MetricsContainerStepMap();
    Map<String, String> metrics =
        ClusterListing.flinkTaskMetrics(
            jobName,
            id -> BEAMKIT.matcher(id).matches() || id.toLowerCase(Locale.ROOT).endsWith(DROPPED));
    for (Map.Entry<String, String> metric : metrics.entrySet()) {
      String id = metric.getKey();
      long value = (long) Double.parseDouble(metric.getValue());
      Matcher beamkit = BEAMKIT.matcher(id);
      if (beamkit.matches()) {
        counters
            .getContainer(beamkit.group(1))
            .getCounter(MetricName.named("beamkit", beamkit.group(2)))
            .inc(value);
      } else if (id.toLowerCase(Locale.ROOT).endsWith(DROPPED)) {
        counters
            .getContainer(id)
            .getCounter(MetricName.named("runners-core", "droppedDueToLateness"))
            .inc(value);
      }
    }
    return MetricsContainerStepMap.asAttemptedOnlyMetricResults(counters);
  }
}
