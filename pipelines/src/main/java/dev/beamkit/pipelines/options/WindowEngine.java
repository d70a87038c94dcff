package dev.beamkit.pipelines.options;

import java.util.Locale;
import org.apache.beam.sdk.PipelineRunner;

/**
 * Which windowed combine computes a pipeline's per-window results: Beam's window operator
 * ({@code TriggeredWindows} + {@code Combine.perKey}) or beamkit's stateful {@code WindowedCombine}. Both
 * emit the same panes; the stateful one is cheaper on Flink and hands too-late readings on to the
 * dead-letter topic instead of dropping them.
 */
public enum WindowEngine {
  BEAM,
  STATEFUL;

  /**
   * The engine named {@code value}, checked against {@code runner}.
   *
   * @throws OptionError if the name is unknown, or the runner cannot run the engine: Beam 2.62's
   *     classic Spark runner refuses event-time timers in streaming (apache/beam#33237 added state
   *     without timers), so {@code stateful} would fail deep inside the runner's translation
   */
  @SuppressWarnings("rawtypes") // PipelineOptions.getRunner() is a raw Class<? extends PipelineRunner<?>>
  static WindowEngine parse(String value, Class<? extends PipelineRunner> runner) {
    WindowEngine engine;
    try {
      engine = valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new OptionError("windowEngine", value, "must be beam or stateful");
    }
    if (engine == STATEFUL && runner.getSimpleName().contains("Spark")) {
      throw new OptionError(
          "windowEngine",
          value,
          "not on " + runner.getSimpleName() + ": Beam 2.62's Spark runner has no event-time"
              + " timers in streaming; use --windowEngine=beam there");
    }
    return engine;
  }
}
