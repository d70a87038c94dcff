package dev.beamkit.pipelines.options;

/**
 * Whether {@code --exactlyOnce} can be honoured by the chosen runner, checked before the job is
 * built. KafkaIO's exactly-once sink writes each record in a Kafka transaction that is committed
 * once the runner has made the record's input stable ({@code @RequiresStableInput}): on Flink that
 * is a completed checkpoint, so a Flink job without checkpoints, or with at-least-once ones,
 * would fail on its task managers only after submission. The other runners cannot keep the
 * promise and are refused here, in one line naming the option.
 */
final class ExactlyOnceSupport {
  private ExactlyOnceSupport() {}

  /**
   * {@code options.getExactlyOnce()}, after checking that the runner can keep it.
   *
   * @throws OptionError naming {@code --exactlyOnce} when it cannot
   */
  static boolean check(BeamkitOptions options) {
    if (!options.getExactlyOnce()) {
      return false;
    }
    String runner = options.getRunner().getSimpleName();
    if (runner.contains("Spark")) {
      throw refused(
          "not on " + runner + ": Beam 2.62's Spark runner gives no stable input"
              + " (@RequiresStableInput), so a retried micro-batch could write its records again;"
              + " use FlinkRunner");
    }
    if (runner.contains("Direct")) {
      throw refused(
          "not on " + runner + ": it keeps no checkpoint, so a restarted job cannot tell what it"
              + " already wrote; use FlinkRunner");
    }
    if (!runner.contains("Flink")) {
      throw refused("not on " + runner + ": beamkit keeps exactly-once output on FlinkRunner only");
    }
    if (RunnerOptionValues.of(options, "checkpointingInterval").asLong(-1) <= 0) {
      throw refused(
          "needs Flink checkpoints: set --checkpointingInterval (milliseconds, e.g. 2000); results"
              + " become visible to read_committed consumers at each checkpoint");
    }
    String mode = RunnerOptionValues.of(options, "checkpointingMode").asText("EXACTLY_ONCE");
    if (!mode.equals("EXACTLY_ONCE")) {
      throw refused("needs --checkpointingMode=EXACTLY_ONCE, not " + mode);
    }
    return true;
  }

  private static OptionError refused(String why) {
    return new OptionError("exactlyOnce", "true", why);
  }
}
