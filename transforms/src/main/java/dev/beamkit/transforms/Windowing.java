package dev.beamkit.transforms;

import java.util.Objects;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Trigger;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.PCollection;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/**
 * Event-time windowing with the triggers beamkit pipelines need, in one fluent transform.
 *
 * <pre>{@code
 * readings.apply(Windowing.<KV<String, Double>>fixed(Duration.standardSeconds(10))
 *     .withAllowedLateness(Duration.standardSeconds(1)))
 * }</pre>
 *
 * <p>What fires, per window and key:
 *
 * <ul>
 *   <li>with {@link Fixed#withEarlyFirings early firings}: EARLY panes, each the given
 *       processing-time delay after the first element of the pane;
 *   <li>one ON_TIME pane when the watermark passes the end of the window;
 *   <li>a LATE pane as soon as late data arrives within the allowed lateness (one per element,
 *       unless several arrive in the same bundle); data later than that is dropped by Beam,
 *       which counts it in a {@code droppedDueToLateness} counter (spelled {@code
 *       DroppedDueToLateness} by the DirectRunner).
 * </ul>
 *
 * <p>Panes accumulate by default: every pane holds all data of the window so far, so a sink can
 * overwrite its previous result (idempotent {@code SET}). With {@link
 * Fixed#discardingFiredPanes()} each pane holds only the data that arrived since the previous
 * one.
 *
 * <p>On-time behaviour, chosen deliberately: when accumulating with early firings, the ON_TIME
 * pane always fires ({@link Window.OnTimeBehavior#FIRE_ALWAYS}), so a window with data always has
 * exactly one complete ON_TIME result, even when early panes already showed all of it. Otherwise
 * it fires only if non-empty ({@link Window.OnTimeBehavior#FIRE_IF_NON_EMPTY}): when discarding,
 * an ON_TIME pane with no new data since the last early pane would be empty (a combine would emit
 * the result of no input); when accumulating without early firings, the ON_TIME pane is the first
 * one and is non-empty exactly when the window has data, so the choice changes nothing on a
 * correct runner, but it keeps Beam 2.62's Flink runner from emitting a second, empty ON_TIME pane
 * for every window once the watermark passes the end of the allowed lateness (seen with 1 s
 * lateness: the window's state is collected, then a timer of the same window fires again on fresh
 * state).
 */
public final class Windowing {
  private Windowing() {}

  /**
   * Fixed (tumbling) windows of {@code size}, zero allowed lateness, no early firings,
   * accumulating panes.
   */
  public static <T> Fixed<T> fixed(Duration size) {
    Objects.requireNonNull(size, "size");
    if (!size.isLongerThan(Duration.ZERO)) {
      throw new IllegalArgumentException("Window size must be positive: " + size);
    }
    return new Fixed<>(size, Duration.ZERO, null, true);
  }

  /** Fixed windows with their trigger settings; immutable, each {@code with…} returns a copy. */
  public static final class Fixed<T> extends PTransform<PCollection<T>, PCollection<T>> {
    private final Duration size;
    private final Duration allowedLateness;
    private final @Nullable Duration earlyFiringDelay;
    private final boolean accumulating;

    private Fixed(
        Duration size,
        Duration allowedLateness,
        @Nullable Duration earlyFiringDelay,
        boolean accumulating) {
      this.size = size;
      this.allowedLateness = allowedLateness;
      this.earlyFiringDelay = earlyFiringDelay;
      this.accumulating = accumulating;
    }

    /**
     * How long after the end of a window late data is still accepted (each late element fires a
     * LATE pane). Data later than that is dropped. Default zero.
     */
    public Fixed<T> withAllowedLateness(Duration lateness) {
      Objects.requireNonNull(lateness, "lateness");
      if (lateness.isShorterThan(Duration.ZERO)) {
        throw new IllegalArgumentException("Allowed lateness must not be negative: " + lateness);
      }
      return new Fixed<>(size, lateness, earlyFiringDelay, accumulating);
    }

    /**
     * Fire speculative EARLY panes before the window ends: one {@code delay} of processing time
     * after the first element of each pane.
     */
    public Fixed<T> withEarlyFirings(Duration delay) {
      Objects.requireNonNull(delay, "delay");
      if (!delay.isLongerThan(Duration.ZERO)) {
        throw new IllegalArgumentException("Early firing delay must be positive: " + delay);
      }
      return new Fixed<>(size, allowedLateness, delay, accumulating);
    }

    /** Each pane holds only the data since the previous pane of its window. */
    public Fixed<T> discardingFiredPanes() {
      return new Fixed<>(size, allowedLateness, earlyFiringDelay, false);
    }

    /** Each pane holds all data of its window so far (the default). */
    public Fixed<T> accumulatingFiredPanes() {
      return new Fixed<>(size, allowedLateness, earlyFiringDelay, true);
    }

    /** The window size. */
    public Duration size() {
      return size;
    }

    /** The allowed lateness. */
    public Duration allowedLateness() {
      return allowedLateness;
    }

    /** The early firing delay, or null without early firings. */
    public @Nullable Duration earlyFiringDelay() {
      return earlyFiringDelay;
    }

    /** Whether panes accumulate. */
    public boolean isAccumulating() {
      return accumulating;
    }

    /** The trigger this transform installs. */
    public Trigger trigger() {
      AfterWatermark.AfterWatermarkEarlyAndLate trigger =
          AfterWatermark.pastEndOfWindow().withLateFirings(AfterPane.elementCountAtLeast(1));
      if (earlyFiringDelay != null) {
        trigger =
            trigger.withEarlyFirings(
                AfterProcessingTime.pastFirstElementInPane().plusDelayOf(earlyFiringDelay));
      }
      return trigger;
    }

    @Override
    public PCollection<T> expand(PCollection<T> input) {
      Window<T> window =
          Window.<T>into(FixedWindows.of(size))
              .triggering(trigger())
              .withAllowedLateness(allowedLateness);
      window = accumulating ? window.accumulatingFiredPanes() : window.discardingFiredPanes();
      window =
          window.withOnTimeBehavior(
              accumulating && earlyFiringDelay != null
                  ? Window.OnTimeBehavior.FIRE_ALWAYS
                  : Window.OnTimeBehavior.FIRE_IF_NON_EMPTY);
      return input.apply("FixedWindows", window);
    }
  }
}
