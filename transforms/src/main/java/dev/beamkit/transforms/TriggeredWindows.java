package dev.beamkit.transforms;

import java.util.Objects;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.AfterWatermark;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.Sessions;
import org.apache.beam.sdk.transforms.windowing.SlidingWindows;
import org.apache.beam.sdk.transforms.windowing.Trigger;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.transforms.windowing.WindowFn;
import org.apache.beam.sdk.values.PCollection;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/**
 * Event-time windowing with the triggers beamkit pipelines need, in one fluent transform: fixed
 * (tumbling), {@link #sliding sliding} (hopping) and {@link #sessions session} windows, all with
 * the same triggers and pane behaviour.
 *
 * <pre>{@code
 * readings.apply(TriggeredWindows.<KV<String, Double>>fixed(Duration.standardSeconds(10))
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
public final class TriggeredWindows {
  private TriggeredWindows() {}

  /**
   * Fixed (tumbling) windows of {@code size}, zero allowed lateness, no early firings,
   * accumulating panes.
   */
  public static <T> Fixed<T> fixed(Duration size) {
    return new Fixed<>(checkPositive("Window size", size), Duration.ZERO, null, true);
  }

  /**
   * Sliding (hopping) windows of {@code size} starting every {@code period}, so each element
   * lands in {@code size / period} overlapping windows; each window fires its own panes as
   * described above. Zero allowed lateness, accumulating panes.
   */
  public static <T> PanedWindows<T> sliding(Duration size, Duration period) {
    checkPositive("Window size", size);
    checkPositive("Window period", period);
    if (period.isLongerThan(size)) {
      throw new IllegalArgumentException(
          "Window period " + period + " must not be longer than the size " + size);
    }
    return PanedWindows.of("SlidingWindows", SlidingWindows.of(size).every(period));
  }

  /**
   * Session windows per key: a session ends {@code gap} after its last element, and two sessions
   * closer than {@code gap} merge into one. A late element within the allowed lateness of a
   * closed session joins it (or bridges it with its neighbour) and fires a LATE pane for the
   * merged session. Zero allowed lateness, accumulating panes.
   *
   * <p>When a late element extends a fired session past the watermark (an element at 6 s joins
   * {@code [1 s, 8 s)} at watermark 10 s with a 5 s gap), the result is not a LATE pane of the old
   * session but the first, ON_TIME pane of the new one, {@code [1 s, 11 s)}, holding all its data;
   * a sink keyed by window sees it under a new key beside the old one.
   *
   * <p>Sessions belong to keys: aggregate per key within them. A second grouping over the
   * results of a first (such as {@link TopN} over per-word counts) merges whatever sessions of
   * different keys overlap at that moment, which depends on when the panes fire; rank within
   * fixed or sliding windows instead.
   */
  public static <T> PanedWindows<T> sessions(Duration gap) {
    return PanedWindows.of("SessionWindows", Sessions.withGapDuration(checkPositive("Session gap", gap)));
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
      return new Fixed<>(size, checkLateness(lateness), earlyFiringDelay, accumulating);
    }

    /**
     * Fire speculative EARLY panes before the window ends: one {@code delay} of processing time
     * after the first element of each pane.
     */
    public Fixed<T> withEarlyFirings(Duration delay) {
      return new Fixed<>(size, allowedLateness, checkEarlyDelay(delay), accumulating);
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
      return TriggeredWindows.trigger(earlyFiringDelay);
    }

    @Override
    public PCollection<T> expand(PCollection<T> input) {
      return input.apply(
          "FixedWindows",
          window(FixedWindows.of(size), allowedLateness, earlyFiringDelay, accumulating));
    }
  }

  /** The trigger of every shape: ON_TIME at the watermark, a LATE pane per late element. */
  static Trigger trigger(@Nullable Duration earlyFiringDelay) {
    AfterWatermark.AfterWatermarkEarlyAndLate trigger =
        AfterWatermark.pastEndOfWindow().withLateFirings(AfterPane.elementCountAtLeast(1));
    if (earlyFiringDelay != null) {
      trigger =
          trigger.withEarlyFirings(
              AfterProcessingTime.pastFirstElementInPane().plusDelayOf(earlyFiringDelay));
    }
    return trigger;
  }

  /** {@code windowFn} with the trigger, lateness, accumulation and on-time behaviour above. */
  static <T> Window<T> window(
      WindowFn<? super T, ?> windowFn,
      Duration allowedLateness,
      @Nullable Duration earlyFiringDelay,
      boolean accumulating) {
    Window<T> window =
        Window.<T>into(windowFn)
            .triggering(trigger(earlyFiringDelay))
            .withAllowedLateness(allowedLateness);
    window = accumulating ? window.accumulatingFiredPanes() : window.discardingFiredPanes();
    return window.withOnTimeBehavior(
        accumulating && earlyFiringDelay != null
            ? Window.OnTimeBehavior.FIRE_ALWAYS
            : Window.OnTimeBehavior.FIRE_IF_NON_EMPTY);
  }

  static Duration checkLateness(Duration lateness) {
    Objects.requireNonNull(lateness, "lateness");
    if (lateness.isShorterThan(Duration.ZERO)) {
      throw new IllegalArgumentException("Allowed lateness must not be negative: " + lateness);
    }
    return lateness;
  }

  static Duration checkEarlyDelay(Duration delay) {
    Objects.requireNonNull(delay, "delay");
    if (!delay.isLongerThan(Duration.ZERO)) {
      throw new IllegalArgumentException("Early firing delay must be positive: " + delay);
    }
    return delay;
  }

  private static Duration checkPositive(String what, Duration d) {
    Objects.requireNonNull(d, what);
    if (!d.isLongerThan(Duration.ZERO)) {
      throw new IllegalArgumentException(what + " must be positive: " + d);
    }
    return d;
  }
}
