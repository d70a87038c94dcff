package dev.beamkit.benchmarks;

import java.util.Locale;

/** Where an implementation reads its input from and writes its results to. */
public enum Mode {
  /** From the preloaded input topic of the local broker, results to an output topic. */
  KAFKA,
  /** From the generator inside the job, results collected in memory: the engine alone. */
  MEMORY;

  /** The name used on the command line and in reports. */
  public String label() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code kafka} or {@code memory}. */
  public static Mode fromLabel(String label) {
    return valueOf(label.toUpperCase(Locale.ROOT));
  }
}
