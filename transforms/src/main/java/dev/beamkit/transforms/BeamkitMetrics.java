package dev.beamkit.transforms;

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
   * Records sent to a dead-letter output by {@link ParseJson}, {@link EventTime} or {@link
   * DecodeText}; each rejected record counts once, in the step that rejected it.
   */
  public static final String DEAD_LETTERED = "dead-lettered";

  private BeamkitMetrics() {}
}
