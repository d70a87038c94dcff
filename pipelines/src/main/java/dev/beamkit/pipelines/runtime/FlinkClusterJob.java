package dev.beamkit.pipelines.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.runners.core.metrics.MetricsContainerStepMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricName;
import org.apache.beam.sdk.metrics.MetricResults;
import org.joda.time.Duration;

/**
 * A job the FlinkRunner submitted to a session cluster, detached, with Beam's counters read from
 * the cluster's REST API while it runs. The runner's own result reports no metrics (its detached
 * result) and its accumulators are filled only when a task ends: empty while a streaming job
 * runs. But each Beam counter is also a Flink task metric, {@code <namespace>_<name>} in the
 * step's operator (the runner updates it after every bundle), and the REST API lists those.
 */
final class FlinkClusterJob implements PipelineResult {
  /** {@code <subtask>.<operator>.beamkit_<counter>}: a beamkit counter of one subtask. */
  private static final Pattern BEAMKIT = Pattern.compile("\\d+\\.(.+)\\.beamkit_([^.]+)");

  /** The runners-core counter of elements dropped behind the allowed lateness. */
  private static final String DROPPED = "droppedduetolateness";

  private final PipelineResult runnerResult;
  private final URI rest;
  private final String jobName;

  /** {@code flinkMaster} is the cluster's REST address, {@code host:port}. */
  FlinkClusterJob(PipelineResult runnerResult, String flinkMaster, String jobName) {
    this.runnerResult = runnerResult;
    this.rest = URI.create("http://" + flinkMaster + "/");
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
    for (JsonNode metric : taskMetrics()) {
      String id = metric.get("id").asText();
      long value = (long) Double.parseDouble(metric.get("value").asText());
      Matcher beamkit = BEAMKIT.matcher(id);
      if (beamkit.matches()) {
        counters.getContainer(beamkit.group(1)).getCounter(MetricName.named("beamkit", beamkit.group(2))).inc(value);
      } else {
        counters.getContainer(id).getCounter(MetricName.named("runners-core", "droppedDueToLateness")).inc(value);
      }
    }
    return MetricsContainerStepMap.asAttemptedOnlyMetricResults(counters);
  }

  private static boolean wanted(String id) {
    return BEAMKIT.matcher(id).matches() || id.toLowerCase(Locale.ROOT).endsWith(DROPPED);
  }

  /**
   * The wanted task metrics of the job, {@code {"id": "<subtask>.<operator>.<metric>", "value":
   * …}}, as the REST API lists them per vertex; none while the job is not listed. (Asking for all
   * of a vertex's 100-odd metrics at once makes a URL longer than the REST server takes.)
   */
  private List<JsonNode> taskMetrics() {
    List<JsonNode> metrics = new ArrayList<>();
    for (JsonNode job : RestJson.get(rest.resolve("jobs/overview")).get("jobs")) {
      if (!job.get("name").asText().equals(jobName)) {
        continue;
      }
      String jobPath = "jobs/" + job.get("jid").asText();
      for (JsonNode vertex : RestJson.get(rest.resolve(jobPath)).get("vertices")) {
        String metricsPath = jobPath + "/vertices/" + vertex.get("id").asText() + "/metrics";
        List<String> ids = new ArrayList<>();
        for (JsonNode metric : RestJson.get(rest.resolve(metricsPath))) {
          String id = metric.get("id").asText();
          if (wanted(id)) {
            ids.add(URLEncoder.encode(id, StandardCharsets.UTF_8));
          }
        }
        if (!ids.isEmpty()) {
          RestJson.get(rest.resolve(metricsPath + "?get=" + String.join(",", ids))).forEach(metrics::add);
        }
      }
    }
    return metrics;
  }
}
