package dev.beamkit.transforms;

import dev.beamkit.transforms.time.EventTime;

/**
 * Names of the Beam metrics that beamkit transforms report, kept in one place so pipelines,
 * dashboards and tests query the same names.
 *
 * <p>Query them with {@code MetricNameFilter.named(BeamkitMetrics.NAMESPACE,
 * BeamkitMetrics.PARSED)}.
 */
public final class BeamkitMetrics {
  /** Namespace of every beamkit counter. */
  public static final String NAMESPACE = "beamkit";

  /** Input records accepted by {@link ParseJson} or {@link DecodeText}. */
  public static final String PARSED = "parsed";

  /**
   * Records sent to a dead-letter output by {@link ParseJson}, {@link EventTime}, {@link
   * DecodeText}, {@link Filter} or {@link Dedupe}; each rejected record counts once, in the step that rejected it.
   */
  public static final String DEAD_LETTERED = "dead-lettered";

  /** Elements later than the allowed lateness that {@link WindowedCombine} handed on, not dropped. */
  public static final String TOO_LATE = "too-late";

  /**
   * Key-and-window states {@link WindowedCombine} created and cleared: their difference is the
   * number of windows it holds open, which must not grow on an endless stream.
   */
  public static final String WINDOWS_OPENED = "windows-opened";

  public static final String WINDOWS_CLOSED = "windows-closed";

  /** Records dropped on purpose by {@link Filter} because they fail its predicate. */
  public static final String FILTERED_OUT = "filtered-out";

  /** Records dropped by {@link Dedupe} as repeats of an id seen within its time bound. */
  public static final String DUPLICATES_DROPPED = "duplicates-dropped";

  /**
   * Results a pipeline handed to its result sink (Kafka records or Redis entries, the top-words
   * topic included), counted in the step that formats them for the sink.
   */
  public static final String WRITTEN = "written";

  /**
   * Gauge: the event time (epoch millis) of the record the Kafka source delivered last; the wall
   * clock minus it is how far the input runs behind, the lag the status line shows.
   */
  public static final String NEWEST_EVENT_TIME = "newest-event-time";

  private BeamkitMetrics() {}
}
