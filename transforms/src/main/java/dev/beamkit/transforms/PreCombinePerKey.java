package dev.beamkit.transforms;

import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * {@code Combine.perKey(fn)} with the combining lifted in front of the shuffle: within each
 * bundle, the values of each key and window are first folded into one accumulator ({@link
 * BundleCombineFn}), and only those partial accumulators go through the {@code Combine.perKey}
 * that merges them per key, window and pane.
 *
 * <p>Why: Beam 2.62's Flink streaming runner does not lift combiners. Every element crosses the
 * shuffle and runs the window operator's trigger and state machinery on its own (a dozen state
 * cells bound per element, each naming its window by a base64 encoding of it), which cost
 * beamkit's sensor-downsample three quarters of its CPU time. Folded per bundle, an in-order
 * stream reaches the window operator as a few partials per key and window instead.
 *
 * <p>What stays the same: results per window and pane, ON_TIME and LATE timing, accumulating or
 * discarding panes, output timestamps (each partial carries the timestamp the window's {@code
 * TimestampCombiner} makes of its elements'), and the order of partials and watermarks: runners
 * let a watermark pass a step only between bundles, so a partial reaches the window before any
 * watermark that followed its elements. What differs: late elements of one key and window that
 * arrive in the same bundle fire one LATE pane together rather than one each (Beam's own
 * grouping does the same on the DirectRunner), and Beam's {@code droppedDueToLateness} counter
 * counts the dropped partials, not the readings in them.
 *
 * <p>Memory: one accumulator per distinct key and window in the current bundle.
 */
public final class PreCombinePerKey<K, InputT, AccumT, OutputT>
    extends PTransform<PCollection<KV<K, InputT>>, PCollection<KV<K, OutputT>>> {
  private final CombineFn<InputT, AccumT, OutputT> fn;

  private PreCombinePerKey(CombineFn<InputT, AccumT, OutputT> fn) {
    this.fn = Objects.requireNonNull(fn, "fn");
  }

  /** Combines the values of each key and window with {@code fn}, folding each bundle first. */
  public static <K, InputT, AccumT, OutputT> PreCombinePerKey<K, InputT, AccumT, OutputT> of(
      CombineFn<InputT, AccumT, OutputT> fn) {
    return new PreCombinePerKey<>(fn);
  }

  /**
   * Applies the two steps.
   *
   * @throws IllegalStateException if the input's coder is not a {@link KvCoder} or {@code fn}
   *     has no accumulator or output coder for the input's value coder
   */
  @Override
  public PCollection<KV<K, OutputT>> expand(PCollection<KV<K, InputT>> input) {
    if (!(input.getCoder() instanceof KvCoder)) {
      throw new IllegalStateException("PreCombinePerKey needs a KvCoder, got " + input.getCoder());
    }
    KvCoder<K, InputT> kvCoder = (KvCoder<K, InputT>) input.getCoder();
    Coder<K> keyCoder = kvCoder.getKeyCoder();
    CoderRegistry registry = input.getPipeline().getCoderRegistry();
    Coder<AccumT> accumulatorCoder;
    Coder<OutputT> outputCoder;
    try {
      accumulatorCoder = fn.getAccumulatorCoder(registry, kvCoder.getValueCoder());
      outputCoder = fn.getDefaultOutputCoder(registry, kvCoder.getValueCoder());
    } catch (CannotProvideCoderException e) {
      throw new IllegalStateException("no coder for the accumulators or results of " + fn, e);
    }
    return input
        .apply(
            "CombineInBundle",
            ParDo.of(
                new BundleCombineFn<>(
                    fn, keyCoder, input.getWindowingStrategy().getTimestampCombiner())))
        .setCoder(KvCoder.of(keyCoder, accumulatorCoder))
        .apply("MergePerKey", Combine.perKey(new MergeFn<>(fn, accumulatorCoder, outputCoder)))
        .setCoder(KvCoder.of(keyCoder, outputCoder));
  }

  /** Merges partial accumulators into the accumulator of a key and window, then extracts. */
  static final class MergeFn<InputT, AccumT, OutputT> extends CombineFn<AccumT, AccumT, OutputT> {
    private static final long serialVersionUID = 1L;

    private final CombineFn<InputT, AccumT, OutputT> fn;
    private final Coder<AccumT> accumulatorCoder;
    private final Coder<OutputT> outputCoder;

    MergeFn(
        CombineFn<InputT, AccumT, OutputT> fn,
        Coder<AccumT> accumulatorCoder,
        Coder<OutputT> outputCoder) {
      this.fn = fn;
      this.accumulatorCoder = accumulatorCoder;
      this.outputCoder = outputCoder;
    }

    @Override
    public AccumT createAccumulator() {
      return fn.createAccumulator();
    }

    @Override
    public AccumT addInput(AccumT accumulator, AccumT partial) {
      // A CombineFn may reuse the first accumulator it merges into, never the others, so the
      // partial (an input the runner may still hold) stays untouched.
      return fn.mergeAccumulators(List.of(accumulator, partial));
    }

    @Override
    public AccumT mergeAccumulators(Iterable<AccumT> accumulators) {
      return fn.mergeAccumulators(accumulators);
    }

    @Override
    public OutputT extractOutput(AccumT accumulator) {
      return fn.extractOutput(accumulator);
    }

    @Override
    public Coder<AccumT> getAccumulatorCoder(CoderRegistry registry, Coder<AccumT> inputCoder) {
      return accumulatorCoder;
    }

    @Override
    public Coder<OutputT> getDefaultOutputCoder(CoderRegistry registry, Coder<AccumT> inputCoder) {
      return outputCoder;
    }
  }
}
