package dev.beamkit.transforms;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * The {@code n} highest-scored items per window, or per window and key: the top words of each
 * window from word counts, the hottest sensors, the busiest pages per event type.
 *
 * <pre>{@code
 * PCollection<KV<String, Long>> counts = ...;               // word → count, windowed
 * PCollection<List<KV<String, Long>>> top10 = counts.apply(TopN.<String, Long>perWindow(10));
 * PCollection<KV<String, List<KV<String, Long>>>> topPagesPerEvent =
 *     eventPageCounts.apply(TopN.<String, String, Long>perKey(3)); // event → (page → count)
 * }</pre>
 *
 * <p>Each input is an {@code item → score}. Lists are ordered best first: higher score first;
 * equal scores in ascending order of the item (so {@code ("apple", 3)} comes before {@code
 * ("pear", 3)}), which makes the list, and which of several tied items make the cut, the same on
 * every run and runner.
 *
 * <p>Each item appears at most once, with the highest score it was given in the pane's input.
 * This is what makes TopN right after an aggregation with accumulating panes (beamkit's {@link
 * TriggeredWindows} default): when a LATE pane upstream re-reports {@code ("apple", 4)} as {@code
 * ("apple", 5)}, TopN's own accumulating LATE pane holds {@code ("apple", 5)} once and re-ranks,
 * so a late element updates the top list. Scores must therefore only grow between panes, as
 * counts, sums of non-negative values and maxima do. Panes follow the input's windowing:
 * ON_TIME, then a LATE pane per late update. Each item an upstream LATE pane updates reaches TopN
 * as its own late element, so a late line of three words may fire up to three LATE lists, each
 * complete up to that point; the last one counts them all. A window without input gives no list.
 *
 * <p>The accumulator keeps every distinct item of the window and key, not only the best {@code
 * n}: an item below the cut may still rise in a later pane.
 */
public final class TopN {
  private TopN() {}

  /** The best {@code n} items of each window, from {@code KV<item, score>}. */
  public static <K extends Comparable<? super K>, V extends Comparable<? super V>>
      PerWindow<K, V> perWindow(int n) {
    return new PerWindow<K, V>(new TopFn<K, V>(n));
  }

  /** The best {@code n} items of each window and key, from {@code KV<key, KV<item, score>>}. */
  public static <G, K extends Comparable<? super K>, V extends Comparable<? super V>>
      PerKey<G, K, V> perKey(int n) {
    return new PerKey<G, K, V>(new TopFn<K, V>(n));
  }

  /** See {@link #perWindow}. */
  public static final class PerWindow<K extends Comparable<? super K>, V extends Comparable<? super V>>
      extends PTransform<PCollection<KV<K, V>>, PCollection<List<KV<K, V>>>> {
    private final TopFn<K, V> fn;

    private PerWindow(TopFn<K, V> fn) {
      this.fn = fn;
    }

    @Override
    public PCollection<List<KV<K, V>>> expand(PCollection<KV<K, V>> scores) {
      // withoutDefaults: an empty window has no top list rather than an empty one.
      return scores.apply("TopPerWindow", Combine.globally(fn).withoutDefaults());
    }
  }

  /** See {@link #perKey}. */
  public static final class PerKey<G, K extends Comparable<? super K>, V extends Comparable<? super V>>
      extends PTransform<PCollection<KV<G, KV<K, V>>>, PCollection<KV<G, List<KV<K, V>>>>> {
    private final TopFn<K, V> fn;

    private PerKey(TopFn<K, V> fn) {
      this.fn = fn;
    }

    @Override
    public PCollection<KV<G, List<KV<K, V>>>> expand(PCollection<KV<G, KV<K, V>>> scores) {
      return scores.apply("TopPerKey", Combine.perKey(fn));
    }
  }

  /** Best score per item, then the first {@code n} items in ranking order. */
  static final class TopFn<K extends Comparable<? super K>, V extends Comparable<? super V>>
      extends Combine.CombineFn<KV<K, V>, Map<K, V>, List<KV<K, V>>> {
    private final int n;

    TopFn(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("TopN needs n >= 1, got " + n);
      }
      this.n = n;
    }

    @Override
    public Map<K, V> createAccumulator() {
      return new HashMap<>();
    }

    @Override
    public Map<K, V> addInput(Map<K, V> best, KV<K, V> input) {
      best.merge(input.getKey(), input.getValue(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
      return best;
    }

    @Override
    public Map<K, V> mergeAccumulators(Iterable<Map<K, V>> accumulators) {
      Map<K, V> merged = createAccumulator();
      for (Map<K, V> accumulator : accumulators) {
        accumulator.forEach((item, score) -> addInput(merged, KV.of(item, score)));
      }
      return merged;
    }

    @Override
    public List<KV<K, V>> extractOutput(Map<K, V> best) {
      Comparator<Map.Entry<K, V>> ranking =
          Map.Entry.<K, V>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey());
      List<KV<K, V>> top = new ArrayList<>(Math.min(n, best.size()));
      best.entrySet().stream()
          .sorted(ranking)
          .limit(n)
          .forEach(e -> top.add(KV.of(e.getKey(), e.getValue())));
      return top;
    }

    @Override
    public Coder<Map<K, V>> getAccumulatorCoder(CoderRegistry registry, Coder<KV<K, V>> input) {
      KvCoder<K, V> kv = (KvCoder<K, V>) input;
      return MapCoder.of(kv.getKeyCoder(), kv.getValueCoder());
    }

    @Override
    public Coder<List<KV<K, V>>> getDefaultOutputCoder(
        CoderRegistry registry, Coder<KV<K, V>> input) {
      return ListCoder.of(input);
    }
  }
}
