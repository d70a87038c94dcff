package dev.beamkit.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import dev.beamkit.pipelines.runtime.RestJson;
import java.util.ArrayList;
import java.util.List;

/**
 * What the clusters themselves say about the jobs they run (Flink's REST API, the Spark master's
 * JSON status): proof that a cluster target's pipeline ran on the cluster and not in the test
 * JVM.
 */
final class ClusterListing {
  private ClusterListing() {}

  /** {@code name/state} of each job in the Flink cluster's REST {@code /jobs/overview}. */
  static List<String> flinkJobs() {
    return nameAndState(RestJson.get(Clusters.flink().restUrl().resolve("jobs/overview")).get("jobs"));
  }

  /** {@code name/state} of each running application in the Spark master's {@code /json/}. */
  static List<String> sparkApps() {
    return nameAndState(RestJson.get(Clusters.spark().webUiUrl().resolve("json/")).get("activeapps"));
  }

  private static List<String> nameAndState(JsonNode list) {
    List<String> entries = new ArrayList<>();
    for (JsonNode entry : list) {
      entries.add(entry.get("name").asText() + "/" + entry.get("state").asText());
    }
    return entries;
  }
}
