package dev.beamkit.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

/**
 * What the clusters themselves say about the jobs they run (Flink's REST API, the Spark master's
 * JSON status): proof that a cluster target's pipeline ran on the cluster and not in the test
 * JVM.
 */
final class ClusterListing {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private ClusterListing() {}

  /** {@code name/state} of each job in the Flink cluster's REST {@code /jobs/overview}. */
  static List<String> flinkJobs() {
    return nameAndState(get(Clusters.flink().restUrl().resolve("jobs/overview")).get("jobs"));
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

  private static JsonNode get(URI uri) {
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
