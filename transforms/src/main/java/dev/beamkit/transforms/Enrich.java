package dev.beamkit.transforms;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Reify;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.AfterProcessingTime;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Trigger;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/**
 * Joins every element of a stream with the current value of a slowly changing lookup — page
 * titles, sensor locations, user plans — given as a stream of key → value updates (a compacted
 * Kafka topic, a Redis hash read periodically, a file re-read: whatever the pipeline reads them
 * from). Each element becomes {@code KV.of(element, value)}, the value being the latest update of
 * the element's key (by update timestamp) that the lookup had taken in when the element was
 * processed.
 *
 * <pre>{@code
 * PCollection<KV<String, String>> pageTitles = ...;   // page URL -> title, as updates
 * WithFailures.Result<PCollection<KV<Click, String>>, DeadLetter> enriched =
 *     clicks.apply(
 *         "AddTitles",
 *         Enrich.withLookup(pageTitles)
 *             .by(Click::page)
 *             .refreshedEvery(Duration.standardSeconds(30)));
 * enriched.failures().apply(deadLetterSink);          // clicks on pages with no title
 * }</pre>
 *
 * <p>The lookup is a side input in the global window: it fires a new version (accumulating: all
 * updates so far) {@link #refreshedEvery} after the first update it has not taken in yet, or at
 * every update when the refresh is zero (the default). Until its first version exists, runners
 * hold the elements back rather than see an empty lookup. The updates are all kept (a key's
 * latest wins at lookup), so the lookup is for data that changes slowly, not for a second stream.
 *
 * <p>An element whose key has no value, or whose key function throws, becomes a {@link
 * DeadLetter} of step {@value #STEP} holding the element — a {@link RawRecord} as it is, with its
 * source coordinates, anything else as JSON — and counts in {@link BeamkitMetrics#DEAD_LETTERED}. Elements keep their timestamps and windows.
 */
public final class Enrich<T, K, V>
    extends PTransform<PCollection<T>, WithFailures.Result<PCollection<KV<T, V>>, DeadLetter>> {
  private static final long serialVersionUID = 1L;

  /** The {@link DeadLetter#step()} of elements that found no lookup value. */
  public static final String STEP = "enrich";

  /** The {@link DeadLetter#exceptionType()} of an element whose key has no lookup value. */
  public static final String MISSING = "lookup-missing";

  private final PCollection<KV<K, V>> updates;
  private final SerializableFunction<T, K> key;
  private final Duration refresh;

  private Enrich(PCollection<KV<K, V>> updates, SerializableFunction<T, K> key, Duration refresh) {
    this.updates = Objects.requireNonNull(updates, "updates");
    this.key = Objects.requireNonNull(key, "key");
    this.refresh = Objects.requireNonNull(refresh, "refresh");
  }

  /** The first half of an {@link Enrich}: the lookup, whose keys are still to be matched. */
  public static final class Lookup<K, V> {
    private final PCollection<KV<K, V>> updates;

    private Lookup(PCollection<KV<K, V>> updates) {
      this.updates = updates;
    }

    /** Enriches each element with the lookup value of the key {@code key} returns for it. */
    public <T> Enrich<T, K, V> by(SerializableFunction<T, K> key) {
      return new Enrich<>(updates, key, Duration.ZERO);
    }
  }

  /**
   * A lookup kept from {@code updates}, key → value; a later update of a key replaces its value.
   * The key coder must be deterministic (e.g. strings).
   */
  public static <K, V> Lookup<K, V> withLookup(PCollection<KV<K, V>> updates) {
    return new Lookup<>(updates);
  }

  /**
   * The same transform taking in new updates at most {@code refresh} after the first one that is
   * not in the lookup yet, instead of at every update: fewer versions of the lookup when updates
   * come in bursts.
   */
  public Enrich<T, K, V> refreshedEvery(Duration refresh) {
    return new Enrich<>(updates, key, refresh);
  }

  @Override
  public WithFailures.Result<PCollection<KV<T, V>>, DeadLetter> expand(PCollection<T> input) {
    PCollectionView<Map<K, Iterable<TimestampedValue<V>>>> lookup =
        updates
            .apply("WithUpdateTimes", Reify.timestampsInValue())
            .apply(
                "Refreshed",
                Window.<KV<K, TimestampedValue<V>>>into(new GlobalWindows())
                    .triggering(Repeatedly.forever(refreshTrigger()))
                    .accumulatingFiredPanes()
                    .withAllowedLateness(Duration.ZERO))
            .apply("AsLookup", View.asMultimap());
    // Plain tags: an anonymous subclass would capture this transform, which cannot be serialized.
    TupleTag<KV<T, V>> enriched = new TupleTag<>();
    TupleTag<DeadLetter> failed = new TupleTag<>();
    PCollectionTuple outputs =
        input.apply(
            "Join",
            ParDo.of(new JoinFn<>(key, lookup, enriched, failed))
                .withSideInputs(lookup)
                .withOutputTags(enriched, TupleTagList.of(failed)));
    Coder<V> valueCoder = ((KvCoder<K, V>) updates.getCoder()).getValueCoder();
    outputs.get(enriched).setCoder(KvCoder.of(input.getCoder(), valueCoder));
    outputs.get(failed).setCoder(DeadLetter.Coder.of());
    return WithFailures.Result.of(outputs.get(enriched), outputs.get(failed));
  }

  private Trigger refreshTrigger() {
    return refresh.getMillis() == 0
        ? AfterPane.elementCountAtLeast(1)
        : AfterProcessingTime.pastFirstElementInPane().plusDelayOf(refresh);
  }

  /** Looks each element's key up in the latest version of the lookup. */
  private static final class JoinFn<T, K, V> extends DoFn<T, KV<T, V>> {
    private final SerializableFunction<T, K> key;
    private final PCollectionView<Map<K, Iterable<TimestampedValue<V>>>> lookup;
    private final TupleTag<KV<T, V>> enriched;
    private final TupleTag<DeadLetter> failed;
    private final Counter deadLettered =
        Metrics.counter(BeamkitMetrics.NAMESPACE, BeamkitMetrics.DEAD_LETTERED);
    private transient @Nullable ObjectMapper json;

    JoinFn(
        SerializableFunction<T, K> key,
        PCollectionView<Map<K, Iterable<TimestampedValue<V>>>> lookup,
        TupleTag<KV<T, V>> enriched,
        TupleTag<DeadLetter> failed) {
      this.key = key;
      this.lookup = lookup;
      this.enriched = enriched;
      this.failed = failed;
    }

    @Setup
    public void setup() {
      json = JsonMapper.builder().build();
    }

    @ProcessElement
    public void process(ProcessContext c, MultiOutputReceiver out) {
      T element = c.element();
      K k;
      try {
        k = key.apply(element);
      } catch (RuntimeException e) {
        reject(element, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e.getClass().getName(), out);
        return;
      }
      Iterable<TimestampedValue<V>> values = k == null ? null : c.sideInput(lookup).get(k);
      V latest = latest(values);
      if (latest == null) {
        reject(element, "no lookup value for key " + k, MISSING, out);
        return;
      }
      out.get(enriched).output(KV.of(element, latest));
    }

    private void reject(T element, String error, String errorType, MultiOutputReceiver out) {
      deadLettered.inc();
      RawRecord original =
          element instanceof RawRecord ? (RawRecord) element : RawRecord.of(ElementPayload.of(json, element));
      out.get(failed).output(DeadLetter.of(original, STEP, error, errorType));
    }

    /** The value of the update with the latest timestamp; null when there is none. */
    private static <V> @Nullable V latest(@Nullable Iterable<TimestampedValue<V>> values) {
      TimestampedValue<V> latest = null;
      if (values != null) {
        for (TimestampedValue<V> v : values) {
          if (latest == null || v.getTimestamp().isAfter(latest.getTimestamp())) {
            latest = v;
          }
        }
      }
      return latest == null ? null : latest.getValue();
    }
  }
}
