package dev.beamkit.transforms;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.transforms.Combine.CombineFn;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.TimestampCombiner;
import org.apache.beam.sdk.values.KV;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * The first step of {@link PreCombinePerKey}: folds the values of each key and window of a bundle
 * into one accumulator and emits the accumulators when the bundle finishes, each in its window
 * and with the timestamp {@code timestampCombiner} makes of its elements' timestamps.
 */
final class BundleCombineFn<K, InputT, AccumT> extends DoFn<KV<K, InputT>, KV<K, AccumT>> {
  private static final long serialVersionUID = 1L;

  private final CombineFn<InputT, AccumT, ?> fn;
  private final Coder<K> keyCoder;
  private final TimestampCombiner timestampCombiner;

  private transient @Nullable Map<Slot, Partial<K, AccumT>> partials;

  BundleCombineFn(
      CombineFn<InputT, AccumT, ?> fn, Coder<K> keyCoder, TimestampCombiner timestampCombiner) {
    this.fn = fn;
    this.keyCoder = keyCoder;
    this.timestampCombiner = timestampCombiner;
  }

  @StartBundle
  public void startBundle() {
    partials = new HashMap<>();
  }

  @ProcessElement
  public void process(
      @Element KV<K, InputT> element, @Timestamp Instant timestamp, BoundedWindow window) {
    K key = element.getKey();
    // Keys are grouped as the shuffle groups them: by their encoding's structural value.
    Slot slot = new Slot(keyCoder.structuralValue(key), window);
    Partial<K, AccumT> partial = partials.get(slot);
    if (partial == null) {
      partial = new Partial<>(key, fn.createAccumulator(), timestamp);
      partials.put(slot, partial);
    } else {
      partial.timestamp = combine(partial.timestamp, timestamp);
    }
    partial.accumulator = fn.addInput(partial.accumulator, element.getValue());
  }

  @FinishBundle
  public void finishBundle(FinishBundleContext context) {
    for (Map.Entry<Slot, Partial<K, AccumT>> entry : partials.entrySet()) {
      Partial<K, AccumT> partial = entry.getValue();
      context.output(
          KV.of(partial.key, partial.accumulator), partial.timestamp, entry.getKey().window);
    }
    partials.clear();
  }

  /**
   * The latest timestamp for {@code LATEST}, else the earliest: what the window's own combining
   * would keep of these two (for {@code END_OF_WINDOW} any timestamp in the window will do).
   */
  private Instant combine(Instant a, Instant b) {
    boolean latest = timestampCombiner == TimestampCombiner.LATEST;
    return latest == a.isAfter(b) ? a : b;
  }

  /** A key (as its structural value) in a window. */
  private static final class Slot {
    private final Object key;
    private final BoundedWindow window;
    private final int hash;

    Slot(Object key, BoundedWindow window) {
      this.key = key;
      this.window = window;
      this.hash = 31 * Objects.hashCode(key) + window.hashCode();
    }

    @Override
    public boolean equals(@Nullable Object o) {
      if (!(o instanceof Slot)) {
        return false;
      }
      Slot s = (Slot) o;
      return hash == s.hash && Objects.equals(key, s.key) && window.equals(s.window);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }

  /** The accumulator of a slot so far, its key and its combined timestamp. */
  private static final class Partial<K, AccumT> {
    private final K key;
    private AccumT accumulator;
    private Instant timestamp;

    Partial(K key, AccumT accumulator, Instant timestamp) {
      this.key = key;
      this.accumulator = accumulator;
      this.timestamp = timestamp;
    }
  }
}
