package dev.beamkit.pipelines.options;

import dev.beamkit.transforms.time.EventTimeParser;
import java.io.Serializable;
import org.joda.time.Duration;

/**
 * The event-time values of a pipeline that counts per window: windows of {@code windowSize} with
 * {@code allowedLateness}, event times read by {@code eventTimeParser} (by the source and the
 * parse step alike), and events more than {@code maxFutureSkew} ahead of the wall clock
 * dead-lettered. sensor-downsample's and event-counts' configs each hold one.
 */
public record WindowedEventTime(
    Duration windowSize, Duration allowedLateness, EventTimeParser eventTimeParser, Duration maxFutureSkew)
    implements Serializable {
  /**
   * Windows of {@code windowSize} with {@code allowedLateness}, and otherwise the options'
   * defaults ({@link EventTimeDefaults}: times read by {@link EventTimeParser#auto()}, at most 1 h
   * ahead of the wall clock).
   */
  public static WindowedEventTime of(Duration windowSize, Duration allowedLateness) {
    return new WindowedEventTime(
        windowSize, allowedLateness, EventTimeDefaults.parser(), EventTimeDefaults.maxFutureSkew());
  }

  public static WindowedEventTime from(Settings settings) {
    return new WindowedEventTime(
        settings.windowSize(), settings.allowedLateness(), settings.eventTimeParser(), settings.maxFutureSkew());
  }
}
