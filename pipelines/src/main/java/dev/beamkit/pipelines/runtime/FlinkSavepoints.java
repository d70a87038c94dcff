package dev.beamkit.pipelines.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.time.Duration;

/**
 * Stop-with-savepoint over a Flink cluster's REST API ({@code POST /jobs/<id>/stop}): Flink takes
 * a savepoint of the job's state and source positions, then finishes the job, so no record is
 * processed after the savepoint. The job is started again from it with {@code --savepointPath}.
 */
public final class FlinkSavepoints {
  private static final Duration POLL = Duration.ofMillis(500);

  private FlinkSavepoints() {}

  /**
   * The id of the running job named {@code jobName} (Beam's {@code --jobName}) on the cluster at
   * {@code rest}.
   *
   * @throws IllegalStateException when no running job has that name
   */
  public static String runningJobId(URI rest, String jobName) {
    for (JsonNode job : RestJson.get(rest.resolve("jobs/overview")).get("jobs")) {
      if (job.get("name").asText().equals(jobName) && job.get("state").asText().equals("RUNNING")) {
        return job.get("jid").asText();
      }
    }
    throw new IllegalStateException("no running job named " + jobName + " on " + rest);
  }

  /**
   * Stops job {@code jobId} of the cluster at {@code rest} with a savepoint in {@code targetDirectory}.
   *
   * @return the savepoint's location, for {@code --savepointPath}
   * @throws IllegalStateException with Flink's cause when the savepoint fails or takes longer than {@code timeout}
   */
  public static String stop(URI rest, String jobId, URI targetDirectory, Duration timeout) throws InterruptedException {
    ObjectNode request = JsonNodeFactory.instance.objectNode().put("targetDirectory", targetDirectory.toString()).put("drain", false);
    String trigger = RestJson.post(rest.resolve("jobs/" + jobId + "/stop"), request).get("request-id").asText();
    URI status = rest.resolve("jobs/" + jobId + "/savepoints/" + trigger);
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      JsonNode answer = RestJson.get(status);
      if (answer.path("status").path("id").asText().equals("COMPLETED")) {
        JsonNode operation = answer.path("operation");
        if (operation.has("location")) {
          return operation.get("location").asText();
        }
        throw new IllegalStateException(
            "the savepoint of job " + jobId + " failed: " + operation.path("failure-cause").path("stack-trace").asText().lines().findFirst().orElse("no cause given"));
      }
      Thread.sleep(POLL.toMillis());
    }
    throw new IllegalStateException("the savepoint of job " + jobId + " did not complete within " + timeout);
  }
}
