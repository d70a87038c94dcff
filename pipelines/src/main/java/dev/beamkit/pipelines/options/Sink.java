package dev.beamkit.pipelines.options;

import java.util.Locale;

/** Where a pipeline writes its results. */
public enum Sink {
  KAFKA,
  REDIS;

  static Sink parse(String value) {
    try {
      return valueOf(value.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException | NullPointerException e) {
      throw new OptionError("sink", value, "must be kafka or redis");
    }
  }
}
