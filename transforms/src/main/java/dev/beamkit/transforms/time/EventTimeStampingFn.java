package dev.beamkit.transforms.time;

import org.apache.beam.sdk.transforms.DoFn;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * A DoFn that emits its outputs at an event time read from the input. Beam refuses an output
 * timestamp earlier than the input element's by more than the DoFn's allowed skew and fails the
 * bundle; this declares the skew to Beam and lets the subclass check it first ({@link
 * #tooEarly}), so that such an element becomes a dead letter instead.
 */
public abstract class EventTimeStampingFn<InputT, OutputT> extends DoFn<InputT, OutputT> {
  private static final long serialVersionUID = 1L;

  /** The {@link dev.beamkit.transforms.DeadLetter#exceptionType()} of a time {@link #tooEarly}. */
  public static final String TOO_EARLY = "event-time-too-early";

  private final Duration allowedSkew;

  protected EventTimeStampingFn(Duration allowedSkew) {
    this.allowedSkew = allowedSkew;
  }

  /** Beam checks output timestamps against this; {@link #tooEarly} checks first. */
  @Override
  @SuppressWarnings("deprecation") // deprecated for users, yet the only way to allow a skew
  public final Duration getAllowedTimestampSkew() {
    return allowedSkew;
  }

  /**
   * Why {@code eventMillis} may not be the output timestamp of an element stamped {@code
   * inputTimestamp}, or null if it may: Beam forbids moving an element back in time by more than
   * the allowed skew.
   */
  protected final @Nullable String tooEarly(long eventMillis, Instant inputTimestamp) {
    long inputMillis = inputTimestamp.getMillis();
    // Both lie within Beam's timestamp range, so the difference cannot overflow.
    if (eventMillis >= inputMillis || inputMillis - eventMillis <= allowedSkew.getMillis()) {
      return null;
    }
    return "event time "
        + new Instant(eventMillis)
        + " is earlier than the element's timestamp "
        + inputTimestamp
        + " by more than the allowed skew of "
        + allowedSkew.getMillis()
        + " ms; let the source assign event time (e.g. a Kafka timestamp policy) or allow a skew";
  }
}
