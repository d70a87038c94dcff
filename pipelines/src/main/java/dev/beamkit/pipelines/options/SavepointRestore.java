package dev.beamkit.pipelines.options;

/**
 * Refuses a start from a Flink savepoint ({@code --savepointPath}). Beam 2.62's Flink runner
 * splits a source again when a job is restored from a savepoint, so each reader reads its
 * restored split from the savepoint's offsets and a fresh split from {@code --startFrom} as well
 * (apache/beam#31313, fixed in Beam 2.63): measured here, a sensor-downsample job resumed from its
 * savepoint counted 3,066 of 5,784 readings twice. A restart inside the job, after a failed task
 * or TaskManager, restores its checkpoint without this ({@code TaskManagerKillIT}).
 */
final class SavepointRestore {
  private SavepointRestore() {}

  /** @throws OptionError naming {@code --savepointPath} when it is set */
  static void refuse(BeamkitOptions options) {
    if (!options.getRunner().getSimpleName().contains("Flink")) {
      return; // only the FlinkRunner knows the option
    }
    String path = RunnerOptionValues.of(options, "savepointPath").asText("");
    if (!path.isBlank()) {
      throw new OptionError(
          "savepointPath",
          path,
          "Beam 2.62's Flink runner reads the input again from --startFrom beside the savepoint's"
              + " offsets (apache/beam#31313), counting readings twice; not supported until Beam 2.63");
    }
  }
}
