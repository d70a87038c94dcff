package dev.beamkit.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;

/**
 * What the clusters themselves say about the jobs they run (Flink's REST API, the Spark master's
 * JSON status): proof that a cluster target's pipeline ran on the cluster and not in the test
 * JVM, and the metrics of a Flink job's tasks.
 */
final class ClusterListing {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ClusterListing() {}

  /** {@code name/state} of each job in the Flink cluster's REST {@code /jobs/overview}. */
  static List<String> flinkJobs() {
    return nameAndState(get(Clusters.flink().restUrl().resolve("jobs/overview")).get("jobs"));
  }

  /**
   * The task metrics of the Flink job named {@code name} whose ids are {@code wanted}, as the REST
   * API lists them per vertex: id {@code <subtask>.<operator>.<metric>} → value. Empty while the
   * job is not listed. (Asking for all of a vertex's 100-odd metrics at once makes a URL longer
   * than the REST server takes.)
   */
  static Map<String, String> flinkTaskMetrics(String name, Predicate<String> wanted) {
    URI rest = Clusters.flink().restUrl();
    Map<String, String> metrics = new TreeMap<>();
    for (JsonNode job : get(rest.resolve("jobs/overview")).get("jobs")) {
      if (!job.get("name").asText().equals(name)) {
        continue;
      }
      String jobPath = "jobs/" + job.get("jid").asText();
      for (JsonNode vertex : get(rest.resolve(jobPath)).get("vertices")) {
        String metricsPath = jobPath + "/vertices/" + vertex.get("id").asText() + "/metrics";
        List<String> ids = new ArrayList<>();
        for (JsonNode metric : get(rest.resolve(metricsPath))) {
          String id = metric.get("id").asText();
          if (wanted.test(id)) {
            ids.add(URLEncoder.encode(id, StandardCharsets.UTF_8));
          }
        }
        if (!ids.isEmpty()) {
          for (JsonNode metric : get(rest.resolve(metricsPath + "?get=" + String.join(",", ids)))) {
            metrics.put(metric.get("id").asText(), metric.get("value").asText());
          }
        }
      }
    }
    return metrics;
  }

  /** {@code name/state} of each running application in the Spark master's {@code /json/}. */
  static List<String> sparkApps() {
    return nameAndState(get(Clusters.spark().webUiUrl().resolve("json/")).get("activeapps"));
  }

  private static List<String> nameAndState(JsonNode list) {
    List<String> entries = new ArrayList<>();
    for (JsonNode entry : list) {
      entries.add(entry.get("name").asText() + "/" + entry.get("state").asText());
    }
    return entries;
  }

  /** The JSON a REST endpoint answers; anything but 200 fails. */
  static JsonNode get(URI uri) {
    try {
      HttpResponse<String> response =
          HTTP.send(HttpRequest.newBuilder(uri).GET().build(), HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() != 200) {
        throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
      }
      return MAPPER.readTree(response.body());
    } catch (IOException e) {
      throw new IllegalStateException("cannot read " + uri, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading " + uri, e);
    }
  }
}
