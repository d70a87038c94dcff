package dev.beamkit.transforms;

import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TupleTag;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The stateful step of {@link WindowedCombine}: per key {@code (key, window start)} in the global
 * window, one accumulator, the index of the next pane, and one event-time timer.
 *
 * <p>The timer is set at the window's max timestamp with an output timestamp (watermark hold)
 * there, so the ON_TIME pane, which carries that timestamp, is never late downstream. When it
 * fires it emits the ON_TIME pane and moves to end + allowed lateness without a hold; when it
 * fires there, every cell is cleared. Late elements within the allowed lateness fire their LATE
 * pane as they arrive.
 */
final class WindowedCombineFn<K, V, AccumT, OutputT> extends DoFn<KV<KV<K, Long>, V>, KV<K, OutputT>> {
  private static final long serialVersionUID = 1L;

  private final CombineFn<V, AccumT, OutputT> fn;
  private final Duration size;
  private final Duration allowedLateness;
  private final TupleTag<KV<K, OutputT>> panesTag;
  private final TupleTag<Windowed<KV<K, V>>> tooLateTag;

  private final Counter tooLate = Metrics.counter(BeamkitMetrics.NAMESPACE, BeamkitMetrics.TOO_LATE);
  private final Counter opened =
      Metrics.counter(BeamkitMetrics.NAMESPACE, BeamkitMetrics.WINDOWS_OPENED);
  private final Counter closed =
      Metrics.counter(BeamkitMetrics.NAMESPACE, BeamkitMetrics.WINDOWS_CLOSED);

  @StateId("accumulator")
  private final StateSpec<ValueState<AccumT>> accumulatorSpec;

  @StateId("nextPane")
  private final StateSpec<ValueState<Long>> nextPaneSpec = StateSpecs.value(VarLongCoder.of());

  @TimerId("window")
  private final TimerSpec windowTimerSpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

  WindowedCombineFn(
      CombineFn<V, AccumT, OutputT> fn,
      Coder<AccumT> accumulatorCoder,
      Duration size,
      Duration allowedLateness,
      TupleTag<KV<K, OutputT>> panesTag,
      TupleTag<Windowed<KV<K, V>>> tooLateTag) {
    this.fn = fn;
    this.accumulatorSpec = StateSpecs.value(accumulatorCoder);
    this.size = size;
    this.allowedLateness = allowedLateness;
    this.panesTag = panesTag;
    this.tooLateTag = tooLateTag;
  }

  @ProcessElement
  public void process(
      @Element KV<KV<K, Long>, V> element,
      @StateId("accumulator") ValueState<AccumT> accumulatorState,
      @StateId("nextPane") ValueState<Long> nextPaneState,
      @TimerId("window") Timer windowTimer,
      MultiOutputReceiver out) {
    K key = element.getKey().getKey();
    IntervalWindow window = new IntervalWindow(new Instant(element.getKey().getValue()), size);
    // For an event-time timer the "current relative time" is the input watermark.
    Instant watermark = windowTimer.getCurrentRelativeTime();
    Instant closing = garbageCollectionTime(window);
    if (closing.isBefore(watermark)) {
      // Beam's rule for dropping (LateDataUtils): later than end + allowed lateness.
      tooLate.inc();
      out.get(tooLateTag)
          .output(
              Windowed.of(
                  KV.of(key, element.getValue()),
                  window.start(),
                  window.end(),
                  Timing.UNKNOWN,
                  0,
                  false,
                  false));
      return;
    }
    @Nullable AccumT accumulator = accumulatorState.read();
    boolean firstOfWindow = accumulator == null;
    if (firstOfWindow) {
      opened.inc();
      accumulator = fn.createAccumulator();
    }
    accumulator = fn.addInput(accumulator, element.getValue());
    accumulatorState.write(accumulator);
    if (!watermark.isAfter(window.maxTimestamp())) {
      if (firstOfWindow) {
        windowTimer.withOutputTimestamp(window.maxTimestamp()).set(window.maxTimestamp());
      }
      return;
    }
    // Late within the allowed lateness: the ON_TIME pane (if any) is out, fire a LATE pane now.
    long index = firePane(key, window, accumulator, nextPaneState, PaneInfo.Timing.LATE, false, out);
    if (index == 0) {
      windowTimer.withNoOutputTimestamp().set(closing);
    }
  }

  @OnTimer("window")
  public void onWindowTimer(
      OnTimerContext context,
      @Key KV<K, Long> windowKey,
      @StateId("accumulator") ValueState<AccumT> accumulatorState,
      @StateId("nextPane") ValueState<Long> nextPaneState,
      @TimerId("window") Timer windowTimer,
      MultiOutputReceiver out) {
    IntervalWindow window = new IntervalWindow(new Instant(windowKey.getValue()), size);
    Instant closing = garbageCollectionTime(window);
    boolean atEndOfWindow = context.fireTimestamp().equals(window.maxTimestamp());
    if (atEndOfWindow) {
      @Nullable AccumT accumulator = accumulatorState.read();
      // As Beam marks it: the pane is the last one when the watermark is already past the
      // window's garbage-collection time, i.e. no late element can follow.
      boolean last = windowTimer.getCurrentRelativeTime().isAfter(closing);
      if (accumulator != null) {
        firePane(
            windowKey.getKey(), window, accumulator, nextPaneState, PaneInfo.Timing.ON_TIME, last, out);
      }
      if (!last) {
        windowTimer.withNoOutputTimestamp().set(closing);
        return;
      }
    }
    accumulatorState.clear();
    nextPaneState.clear();
    closed.inc();
  }

  /** Emits the pane with the accumulated result; returns its index. */
  private long firePane(
      K key,
      IntervalWindow window,
      AccumT accumulator,
      ValueState<Long> nextPaneState,
      PaneInfo.Timing timing,
      boolean last,
      MultiOutputReceiver out) {
    @Nullable Long next = nextPaneState.read();
    long index = next == null ? 0 : next;
    nextPaneState.write(index + 1);
    // Without early firings every pane is non-speculative: its on-time index is its index.
    PaneInfo pane = PaneInfo.createPane(index == 0, last, timing, index, index);
    out.get(panesTag)
        .outputWindowedValue(
            KV.of(key, fn.extractOutput(accumulator)), window.maxTimestamp(), List.of(window), pane);
    return index;
  }

  /** End of the window plus the allowed lateness; later elements are too late. */
  private Instant garbageCollectionTime(IntervalWindow window) {
    return window.maxTimestamp().plus(allowedLateness);
  }
}
