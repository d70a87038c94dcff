package dev.beamkit.transforms;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.InstantCoder;
import org.apache.beam.sdk.coders.StructuredCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeParameter;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * A value together with the window and pane it was emitted in: window start and end, the pane's
 * {@link Timing}, index and first/last flags.
 *
 * <p>Beam keeps window and pane outside the element, where a sink cannot see them; {@link
 * #attach()} copies them into the element so that, for example, an aggregate written to Kafka
 * can say which window it covers and whether it is the on-time or a late result.
 *
 * <p>The window is {@code [windowStart, windowEnd)}. For an {@link IntervalWindow} these are its
 * start and end; for other windows (e.g. the global window) the start is {@link
 * BoundedWindow#TIMESTAMP_MIN_VALUE} and the end is one millisecond after the window's max
 * timestamp, so the end stays exclusive.
 */
@DefaultCoder(Windowed.Coder.class)
public final class Windowed<T> {
  private final @Nullable T value;
  private final Instant windowStart;
  private final Instant windowEnd;
  private final Timing timing;
  private final long paneIndex;
  private final boolean first;
  private final boolean last;

  private Windowed(
      @Nullable T value,
      Instant windowStart,
      Instant windowEnd,
      Timing timing,
      long paneIndex,
      boolean first,
      boolean last) {
    this.value = value;
    this.windowStart = Objects.requireNonNull(windowStart, "windowStart");
    this.windowEnd = Objects.requireNonNull(windowEnd, "windowEnd");
    this.timing = Objects.requireNonNull(timing, "timing");
    if (windowEnd.isBefore(windowStart)) {
      throw new IllegalArgumentException(
          "windowEnd " + windowEnd + " is before windowStart " + windowStart);
    }
    if (paneIndex < 0) {
      throw new IllegalArgumentException("paneIndex must not be negative: " + paneIndex);
    }
    this.paneIndex = paneIndex;
    this.first = first;
    this.last = last;
  }

  /** A windowed value with every part given, e.g. an expected value in a test. */
  public static <T> Windowed<T> of(
      @Nullable T value,
      Instant windowStart,
      Instant windowEnd,
      Timing timing,
      long paneIndex,
      boolean isFirst,
      boolean isLast) {
    return new Windowed<>(value, windowStart, windowEnd, timing, paneIndex, isFirst, isLast);
  }

  /** The value as emitted in {@code window} and {@code pane}. */
  public static <T> Windowed<T> of(@Nullable T value, BoundedWindow window, PaneInfo pane) {
    Instant start;
    Instant end;
    if (window instanceof IntervalWindow) {
      start = ((IntervalWindow) window).start();
      end = ((IntervalWindow) window).end();
    } else {
      start = BoundedWindow.TIMESTAMP_MIN_VALUE;
      end = window.maxTimestamp().plus(org.joda.time.Duration.millis(1));
    }
    return new Windowed<>(
        value,
        start,
        end,
        Timing.of(pane.getTiming()),
        pane.getIndex(),
        pane.isFirst(),
        pane.isLast());
  }

  /**
   * A transform that wraps each element with its window and pane. The output coder is set from
   * the input's coder, so callers never need to set one.
   */
  public static <T> Attach<T> attach() {
    return new Attach<>();
  }

  /** The wrapped value. */
  public @Nullable T value() {
    return value;
  }

  /** Start of the window, inclusive. */
  public Instant windowStart() {
    return windowStart;
  }

  /** End of the window, exclusive. */
  public Instant windowEnd() {
    return windowEnd;
  }

  /** Whether the pane was early, on time or late. */
  public Timing timing() {
    return timing;
  }

  /** Index of the pane within its window and key, counting from 0. */
  public long paneIndex() {
    return paneIndex;
  }

  /** Whether this was the first pane fired for its window and key. */
  public boolean isFirst() {
    return first;
  }

  /**
   * Whether this was the last pane for its window and key. Beam marks only a pane fired as the
   * window closes; with allowed lateness no later pane may be marked last at all.
   */
  public boolean isLast() {
    return last;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof Windowed)) {
      return false;
    }
    Windowed<?> w = (Windowed<?>) o;
    return paneIndex == w.paneIndex
        && first == w.first
        && last == w.last
        && timing == w.timing
        && windowStart.equals(w.windowStart)
        && windowEnd.equals(w.windowEnd)
        && Objects.equals(value, w.value);
  }

  @Override
  public int hashCode() {
    return Objects.hash(value, windowStart, windowEnd, timing, paneIndex, first, last);
  }

  @Override
  public String toString() {
    return "Windowed{["
        + windowStart
        + ", "
        + windowEnd
        + ") "
        + timing
        + " pane "
        + paneIndex
        + (first ? " first" : "")
        + (last ? " last" : "")
        + ": "
        + value
        + "}";
  }

  /** The transform returned by {@link Windowed#attach()}. */
  public static final class Attach<T>
      extends PTransform<PCollection<T>, PCollection<Windowed<T>>> {
    private Attach() {}

    @Override
    public PCollection<Windowed<T>> expand(PCollection<T> input) {
      // The DoFn's output type has a free type variable, so Beam cannot infer a coder for it.
      return input
          .apply("AttachWindowAndPane", ParDo.of(new AttachFn<T>()))
          .setCoder(Coder.of(input.getCoder()));
    }
  }

  private static final class AttachFn<T> extends DoFn<T, Windowed<T>> {
    @ProcessElement
    public void process(
        @Element T element, BoundedWindow window, PaneInfo pane, OutputReceiver<Windowed<T>> out) {
      out.output(Windowed.of(element, window, pane));
    }
  }

  /**
   * Coder of {@link Windowed}: window start (8 bytes), window length (var-long), one byte of
   * timing and first/last flags, pane index (var-long), then the value with the value coder.
   * Deterministic when the value coder is.
   */
  public static final class Coder<T> extends StructuredCoder<Windowed<T>> {
    private static final int FIRST_FLAG = 1 << 2;
    private static final int LAST_FLAG = 1 << 3;
    private static final int TIMING_MASK = 0x3;

    private final org.apache.beam.sdk.coders.Coder<T> valueCoder;

    private Coder(org.apache.beam.sdk.coders.Coder<T> valueCoder) {
      this.valueCoder = Objects.requireNonNull(valueCoder, "valueCoder");
    }

    /** A coder of windowed values whose values are encoded with {@code valueCoder}. */
    public static <T> Coder<T> of(org.apache.beam.sdk.coders.Coder<T> valueCoder) {
      return new Coder<>(valueCoder);
    }

    /** Lets {@code @DefaultCoder} build this coder from the value's coder. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.fromStaticMethods(Windowed.class, Coder.class);
    }

    /** The coder of the wrapped values. */
    public org.apache.beam.sdk.coders.Coder<T> getValueCoder() {
      return valueCoder;
    }

    @Override
    public void encode(Windowed<T> w, OutputStream out) throws IOException {
      InstantCoder.of().encode(w.windowStart, out);
      // Windows are short compared to epoch millis; their length fits in a couple of bytes.
      VarLongCoder.of().encode(w.windowEnd.getMillis() - w.windowStart.getMillis(), out);
      int flags = w.timing.code() | (w.first ? FIRST_FLAG : 0) | (w.last ? LAST_FLAG : 0);
      out.write(flags);
      VarLongCoder.of().encode(w.paneIndex, out);
      valueCoder.encode(w.value, out);
    }

    @Override
    public Windowed<T> decode(InputStream in) throws IOException {
      Instant start = InstantCoder.of().decode(in);
      Instant end = start.plus(org.joda.time.Duration.millis(VarLongCoder.of().decode(in)));
      int flags = in.read();
      if (flags < 0) {
        throw new CoderException("Unexpected end of stream in Windowed flags");
      }
      long paneIndex = VarLongCoder.of().decode(in);
      T value = valueCoder.decode(in);
      return new Windowed<>(
          value,
          start,
          end,
          Timing.fromCode(flags & TIMING_MASK),
          paneIndex,
          (flags & FIRST_FLAG) != 0,
          (flags & LAST_FLAG) != 0);
    }

    @Override
    public List<? extends org.apache.beam.sdk.coders.Coder<?>> getCoderArguments() {
      return List.of(valueCoder);
    }

    @Override
    public void verifyDeterministic() throws NonDeterministicException {
      verifyDeterministic(this, "Windowed value coder must be deterministic", valueCoder);
    }

    @Override
    public boolean consistentWithEquals() {
      return valueCoder.consistentWithEquals();
    }

    @Override
    public Object structuralValue(Windowed<T> w) {
      if (consistentWithEquals()) {
        return w;
      }
      return Windowed.of(
          valueCoder.structuralValue(w.value),
          w.windowStart,
          w.windowEnd,
          w.timing,
          w.paneIndex,
          w.first,
          w.last);
    }

    @Override
    public TypeDescriptor<Windowed<T>> getEncodedTypeDescriptor() {
      return new TypeDescriptor<Windowed<T>>() {}.where(
          new TypeParameter<T>() {}, valueCoder.getEncodedTypeDescriptor());
    }
  }
}
