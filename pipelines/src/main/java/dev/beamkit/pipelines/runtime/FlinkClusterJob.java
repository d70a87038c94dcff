package dev.beamkit.pipelines.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricResults;
import org.joda.time.Duration;

/**
 * A job the FlinkRunner submitted to a session cluster, detached, with Beam's counters read from
 * the cluster's REST API while it runs. The runner's own result reports no metrics (its detached
 * result) and its accumulators are filled only when a task ends: empty while a streaming job
 * runs. But each Beam counter is also a Flink task metric ({@link FlinkTaskCounters}), and the REST
 * API lists those.
 */
final class FlinkClusterJob implements PipelineResult {
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
    Map<String, Long> values = new HashMap<>();
    for (JsonNode metric : taskMetrics()) {
      values.merge(metric.get("id").asText(), (long) Double.parseDouble(metric.get("value").asText()), Long::sum);
    }
    return FlinkTaskCounters.of(values);
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
          if (FlinkTaskCounters.wanted(id)) {
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
