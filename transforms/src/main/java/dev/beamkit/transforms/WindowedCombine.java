package dev.beamkit.transforms;

import java.util.Objects;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.transforms.windowing.DefaultTrigger;
import org.apache.beam.sdk.transforms.windowing.FixedWindows;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.WindowingStrategy;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The windowed combine of {@link TriggeredWindows} + {@code Combine.perKey(fn)}, computed by a stateful
 * {@code DoFn} with event-time timers instead of Beam's window operator: the same panes, cheaper
 * and with flat memory on a long-running stream, and too-late elements kept instead of dropped.
 *
 * <pre>{@code
 * WithFailures.Result<PCollection<KV<String, Stats>>, Windowed<KV<String, Double>>> result =
 *     readings.apply(WindowedCombine.of(
 *         TriggeredWindows.<KV<String, Double>>fixed(Duration.standardSeconds(10))
 *             .withAllowedLateness(Duration.standardSeconds(1)),
 *         new StatsFn()));
 * result.output();    // KV<sensor, Stats> in its window and pane, as Stats.perKey() emits them
 * result.failures();  // the readings later than the allowed lateness, each with its window:
 *                     // Windowed values in the global window, timing UNKNOWN (in no pane)
 * }</pre>
 *
 * <p>Same panes as the Beam path (accumulating, fixed windows, allowed lateness): one ON_TIME
 * pane when the watermark passes the end of a window that has data, marked last if the watermark
 * is then also past the end plus the allowed lateness; one LATE pane for each late element within
 * the allowed lateness, holding everything so far; pane index, first/last flags and output
 * timestamp (the end of the window) as Beam sets them. One difference: Beam fires one LATE pane
 * for all late elements of a key and window that arrive in the same bundle; this engine fires one
 * per late element. Both end with the same last pane.
 *
 * <p>Why: per key and window it keeps one accumulator, one pane counter and one timer (first at
 * the window end, holding the output watermark there, then at end + lateness without a hold), and
 * clears all of them when the timer fires at end + lateness. Beam 2.62's window operator does the
 * trigger state machine per element, and the Flink runner keeps a watermark-hold entry for every
 * window ever seen.
 *
 * <p>How: elements move to the global window with the key {@code (key, window start)}, so the
 * runner's own late-data dropping (which works per window) never sees them; the engine decides
 * what is too late from the input watermark ({@code Timer.getCurrentRelativeTime()}), with Beam's
 * rule: later than end + allowed lateness. Panes are emitted into their fixed window with their
 * {@code PaneInfo}, and the output carries the windowing strategy {@link TriggeredWindows} would have
 * set, so downstream steps ({@link Windowed#attach()}, sinks) see no difference.
 *
 * <p>Supported: accumulating panes without early firings, the sensor-downsample setting. Other
 * settings of {@link TriggeredWindows.Fixed} are refused when the transform is built.
 */
public final class WindowedCombine<K, V, AccumT, OutputT>
    extends PTransform<PCollection<KV<K, V>>, WithFailures.Result<PCollection<KV<K, OutputT>>, Windowed<KV<K, V>>>> {
  /** The {@link DeadLetter#step()} of a record whose element came later than the allowed lateness. */
  public static final String TOO_LATE_STEP = "too-late";

  private final TriggeredWindows.Fixed<KV<K, V>> windowing;
  private final CombineFn<V, AccumT, OutputT> fn;

  private WindowedCombine(TriggeredWindows.Fixed<KV<K, V>> windowing, CombineFn<V, AccumT, OutputT> fn) {
    this.windowing = Objects.requireNonNull(windowing, "windowing");
    this.fn = Objects.requireNonNull(fn, "fn");
    if (windowing.earlyFiringDelay() != null || !windowing.isAccumulating()) {
      throw new IllegalArgumentException(
          "WindowedCombine supports accumulating panes without early firings only");
    }
  }

  /** Combines the values of each key per window of {@code windowing} with {@code fn}. */
  public static <K, V, AccumT, OutputT> WindowedCombine<K, V, AccumT, OutputT> of(
      TriggeredWindows.Fixed<KV<K, V>> windowing, CombineFn<V, AccumT, OutputT> fn) {
    return new WindowedCombine<>(windowing, fn);
  }

  /**
   * Applies the two steps.
   *
   * @throws IllegalStateException if the input's coder is not a {@link KvCoder} with a
   *     deterministic key coder, or {@code fn} has no accumulator or output coder
   */
  @Override
  public WithFailures.Result<PCollection<KV<K, OutputT>>, Windowed<KV<K, V>>> expand(PCollection<KV<K, V>> input) {
    if (!(input.getCoder() instanceof KvCoder)) {
      throw new IllegalStateException("WindowedCombine needs a KvCoder, got " + input.getCoder());
    }
    KvCoder<K, V> kvCoder = (KvCoder<K, V>) input.getCoder();
    Coder<AccumT> accumulatorCoder;
    Coder<OutputT> outputCoder;
    try {
      accumulatorCoder =
          fn.getAccumulatorCoder(input.getPipeline().getCoderRegistry(), kvCoder.getValueCoder());
      outputCoder =
          fn.getDefaultOutputCoder(input.getPipeline().getCoderRegistry(), kvCoder.getValueCoder());
    } catch (CannotProvideCoderException e) {
      throw new IllegalStateException("no coder for the accumulators or results of " + fn, e);
    }
    long sizeMillis = windowing.size().getMillis();
    TupleTag<KV<K, OutputT>> panesTag = new TupleTag<KV<K, OutputT>>() {};
    TupleTag<Windowed<KV<K, V>>> tooLateTag = new TupleTag<Windowed<KV<K, V>>>() {};
    PCollectionTuple outputs =
        input
            .apply(
                "IntoGlobalWindow",
                Window.<KV<K, V>>into(new GlobalWindows())
                    .triggering(DefaultTrigger.of())
                    .withAllowedLateness(Duration.ZERO)
                    .discardingFiredPanes())
            .apply("KeyByWindow", ParDo.of(new KeyByWindowFn<K, V>(sizeMillis)))
            .setCoder(
                KvCoder.of(
                    KvCoder.of(kvCoder.getKeyCoder(), VarLongCoder.of()),
                    kvCoder.getValueCoder()))
            .apply(
                "CombinePerWindow",
                ParDo.of(
                        new WindowedCombineFn<>(
                            fn,
                            accumulatorCoder,
                            windowing.size(),
                            windowing.allowedLateness(),
                            panesTag,
                            tooLateTag))
                    .withOutputTags(panesTag, TupleTagList.of(tooLateTag)));
    PCollection<KV<K, OutputT>> panes = outputs.get(panesTag);
    panes.setCoder(KvCoder.of(kvCoder.getKeyCoder(), outputCoder));
    // Panes are emitted into their fixed windows; the collection must say so, or the runner
    // would encode an IntervalWindow with the global window's coder.
    panes.setWindowingStrategyInternal(windowingStrategy());
    PCollection<Windowed<KV<K, V>>> tooLate = outputs.get(tooLateTag);
    tooLate.setCoder(Windowed.Coder.of(kvCoder));
    return WithFailures.Result.of(panes, tooLate);
  }

  /**
   * The dead letter of {@code original}, whose element came out of {@link
   * WithFailures.Result#failures()} as {@code tooLate}: step {@value #TOO_LATE_STEP}, the window
   * it missed in the message.
   */
  public static DeadLetter tooLateLetter(RawRecord original, Windowed<?> tooLate) {
    return DeadLetter.of(
        original,
        TOO_LATE_STEP,
        "too late for window ["
            + tooLate.windowStart()
            + ", "
            + tooLate.windowEnd()
            + "): the watermark had passed its end plus the allowed lateness",
        TOO_LATE_STEP);
  }

  /** Adds the start of its fixed window (by element timestamp) to each element's key. */
  private static final class KeyByWindowFn<K, V> extends DoFn<KV<K, V>, KV<KV<K, Long>, V>> {
    private final long sizeMillis;

    KeyByWindowFn(long sizeMillis) {
      this.sizeMillis = sizeMillis;
    }

    @ProcessElement
    public void process(
        @Element KV<K, V> kv, @Timestamp Instant timestamp, OutputReceiver<KV<KV<K, Long>, V>> out) {
      long millis = timestamp.getMillis();
      // FixedWindows' assignment with offset 0, also for times before the epoch.
      long start = millis - Math.floorMod(millis, sizeMillis);
      out.output(KV.of(KV.of(kv.getKey(), start), kv.getValue()));
    }
  }

  private WindowingStrategy<?, ?> windowingStrategy() {
    return WindowingStrategy.of(FixedWindows.of(windowing.size()))
        .withTrigger(windowing.trigger())
        .withAllowedLateness(windowing.allowedLateness())
        .withMode(WindowingStrategy.AccumulationMode.ACCUMULATING_FIRED_PANES)
        .withOnTimeBehavior(Window.OnTimeBehavior.FIRE_IF_NON_EMPTY);
  }
}
