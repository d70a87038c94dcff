package dev.beamkit.pipelines.options;

import org.apache.beam.sdk.options.ExperimentalOptions;

/**
 * Lets a Flink job start from a savepoint ({@code --savepointPath}) only when it reads Kafka
 * through KafkaIO's splittable-DoFn read ({@code --experiments=use_sdf_read}), as the job that
 * took the savepoint must have. Beam 2.62's Flink runner restores its own Kafka source (the one
 * KafkaIO picks by default there) with each reader reading a fresh split from {@code --startFrom}
 * beside its restored one (apache/beam#31313, fixed in Beam 2.63): measured here, a resumed
 * sensor-downsample counted 3,066 of 5,784 readings twice. The splittable-DoFn read keeps its
 * partitions' offsets in the job's keyed state instead, which a savepoint restores exactly
 * ({@code SavepointResumeIT}). A restart inside the job, after a failed task or TaskManager,
 * restores its checkpoint without the bug on either read ({@code TaskManagerKillIT}).
 */
final class SavepointRestore {
  static final String SAFE_READ = "use_sdf_read";

  private SavepointRestore() {}

  /** @throws OptionError naming {@code --savepointPath} when it is set without the safe read */
  static void refuse(BeamkitOptions options) {
    if (!options.getRunner().getSimpleName().contains("Flink")) {
      return; // only the FlinkRunner knows the option
    }
    String path = RunnerOptionValues.of(options, "savepointPath").asText("");
    if (!path.isBlank() && !ExperimentalOptions.hasExperiment(options, SAFE_READ)) {
      throw new OptionError(
          "savepointPath",
          path,
          "Beam 2.62's Flink runner reads the input again from --startFrom beside the savepoint's"
              + " offsets (apache/beam#31313), counting readings twice; run the job that takes the"
              + " savepoint and the resumed one with --experiments=" + SAFE_READ);
    }
  }
}
