package dev.beamkit.pipelines.options;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * The options a job was given, a runner's own among them, read as Beam serializes them for the
 * runner: beamkit checks a few of the FlinkRunner's without having the runner on its compile path.
 */
final class RunnerOptionValues {
  private static final ObjectMapper JSON = new ObjectMapper();

  private RunnerOptionValues() {}

  /** The value set for option {@code name} (missing when it was not set: defaults are not listed). */
  static JsonNode of(PipelineOptions options, String name) {
    return JSON.valueToTree(options).path("options").path(name);
  }
}
