package dev.beamkit.benchmarks.soak;

import java.time.Duration;
import java.util.List;

/**
 * One soak: {@code impl} on readings generated at {@code perSecond} from {@code sensors} sensors
 * for {@code seconds}, at {@code parallelism}.
 *
 * @param runId unique per soak; names the job
 */
public record SoakPlan(String impl, long perSecond, long seconds, long sensors, int parallelism, String runId) {
  /** Longest the job may take after the readings stop to close its last windows and end. */
  public static final Duration DRAIN_DEADLINE = Duration.ofMinutes(5);

  /** How long readings are generated. */
  public Duration length() {
    return Duration.ofSeconds(seconds);
  }

  /** The length as people write it: {@code 30 min}, {@code 90 s}. */
  public String lengthText() {
    return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
  }

  /** Longest the whole soak may take, start-up and drain included. */
  public Duration deadline() {
    return length().plus(DRAIN_DEADLINE).plus(DRAIN_DEADLINE);
  }

  /** This plan as {@link SoakRun}'s arguments. */
  public List<String> args() {
    return List.of(
        "--impl", impl,
        "--per-second", String.valueOf(perSecond),
        "--seconds", String.valueOf(seconds),
        "--sensors", String.valueOf(sensors),
        "--parallelism", String.valueOf(parallelism),
        "--run-id", runId);
  }
}
