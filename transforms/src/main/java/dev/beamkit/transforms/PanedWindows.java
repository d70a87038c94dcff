package dev.beamkit.transforms;

import java.util.Objects;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.windowing.Trigger;
import org.apache.beam.sdk.transforms.windowing.WindowFn;
import org.apache.beam.sdk.values.PCollection;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/**
 * Sliding or session windows with {@link TriggeredWindows}'s triggers and pane behaviour, made by {@link
 * TriggeredWindows#sliding} and {@link TriggeredWindows#sessions}; immutable, each {@code with…} returns a copy.
 *
 * <pre>{@code
 * clicks.apply(TriggeredWindows.<KV<String, String>>sessions(Duration.standardMinutes(5))
 *     .withAllowedLateness(Duration.standardMinutes(1)))
 * }</pre>
 */
public final class PanedWindows<T> extends PTransform<PCollection<T>, PCollection<T>> {
  private final String stepName;
  private final WindowFn<Object, ?> windowFn;
  private final Duration allowedLateness;
  private final @Nullable Duration earlyFiringDelay;
  private final boolean accumulating;

  private PanedWindows(
      String stepName,
      WindowFn<Object, ?> windowFn,
      Duration allowedLateness,
      @Nullable Duration earlyFiringDelay,
      boolean accumulating) {
    this.stepName = stepName;
    this.windowFn = Objects.requireNonNull(windowFn, "windowFn");
    this.allowedLateness = allowedLateness;
    this.earlyFiringDelay = earlyFiringDelay;
    this.accumulating = accumulating;
  }

  static <T> PanedWindows<T> of(String stepName, WindowFn<Object, ?> windowFn) {
    return new PanedWindows<>(stepName, windowFn, Duration.ZERO, null, true);
  }

  /**
   * How long after the end of a window late data is still accepted (each late element fires a
   * LATE pane). Data later than that is dropped. Default zero.
   */
  public PanedWindows<T> withAllowedLateness(Duration lateness) {
    return new PanedWindows<>(
        stepName, windowFn, TriggeredWindows.checkLateness(lateness), earlyFiringDelay, accumulating);
  }

  /** EARLY panes one {@code delay} of processing time after the first element of each pane. */
  public PanedWindows<T> withEarlyFirings(Duration delay) {
    return new PanedWindows<>(
        stepName, windowFn, allowedLateness, TriggeredWindows.checkEarlyDelay(delay), accumulating);
  }

  /** Each pane holds only the data since the previous pane of its window. */
  public PanedWindows<T> discardingFiredPanes() {
    return new PanedWindows<>(stepName, windowFn, allowedLateness, earlyFiringDelay, false);
  }

  /** Each pane holds all data of its window so far (the default). */
  public PanedWindows<T> accumulatingFiredPanes() {
    return new PanedWindows<>(stepName, windowFn, allowedLateness, earlyFiringDelay, true);
  }

  /** Beam's window function of this shape. */
  public WindowFn<Object, ?> windowFn() {
    return windowFn;
  }

  /** The allowed lateness. */
  public Duration allowedLateness() {
    return allowedLateness;
  }

  /** The trigger this transform installs. */
  public Trigger trigger() {
    return TriggeredWindows.trigger(earlyFiringDelay);
  }

  @Override
  public PCollection<T> expand(PCollection<T> input) {
    return input.apply(
        stepName, TriggeredWindows.window(windowFn, allowedLateness, earlyFiringDelay, accumulating));
  }
}
