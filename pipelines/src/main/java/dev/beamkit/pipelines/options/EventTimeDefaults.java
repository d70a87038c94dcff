package dev.beamkit.pipelines.options;

import dev.beamkit.transforms.time.EventTimeParser;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;

/**
 * The event-time options' defaults as typed values, for configs built from plain values (tests,
 * benchmarks): read from {@link BeamkitOptions}' {@code @Default}s and parsed as {@link Settings}
 * parses them, so the defaults are written down in one place.
 */
public final class EventTimeDefaults {
  private EventTimeDefaults() {}

  /** {@code --timestampFormat} and {@code --timestampZone} left unset. */
  public static EventTimeParser parser() {
    BeamkitOptions defaults = PipelineOptionsFactory.as(BeamkitOptions.class);
    return Settings.parser(defaults.getTimestampFormat(), defaults.getTimestampZone());
  }

  /** {@code --maxFutureSkew} left unset. */
  public static Duration maxFutureSkew() {
    return Durations.parse("maxFutureSkew", PipelineOptionsFactory.as(BeamkitOptions.class).getMaxFutureSkew());
  }
}
