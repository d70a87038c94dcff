package dev.beamkit.transforms;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.BigEndianLongCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Summary statistics of a group of numbers: count, min, max, sum and {@link #mean()}.
 *
 * <p>Immutable. Produced by {@link StatsFn}; use {@link #perKey()} or {@link #globally()} to
 * compute it in a pipeline. The {@linkplain #empty() empty} statistics (count 0) have sum 0 and
 * min, max and mean {@link Double#NaN}: "no data" never masquerades as a number.
 *
 * <p>Equality compares the exact bits of the doubles (like {@link Double#equals}), so {@code
 * NaN} equals {@code NaN}, and it agrees with the encoding of {@link Coder}.
 *
 * <p>{@link Serializable} only because {@code Combine.globally} captures the default value
 * ({@link #empty()}) in a DoFn; pipelines encode it with {@link Coder}.
 */
@DefaultCoder(Stats.Coder.class)
public final class Stats implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Stats EMPTY = new Stats(0, Double.NaN, Double.NaN, 0.0);

  private final long count;
  private final double min;
  private final double max;
  private final double sum;

  private Stats(long count, double min, double max, double sum) {
    this.count = count;
    this.min = min;
    this.max = max;
    this.sum = sum;
  }

  /** The statistics of no values: count 0, sum 0, min, max and mean NaN. */
  public static Stats empty() {
    return EMPTY;
  }

  /**
   * Statistics with the given parts, e.g. an expected value in a test. A count of 0 gives {@link
   * #empty()} whatever the other arguments.
   *
   * @throws IllegalArgumentException if count is negative, or min is greater than max
   */
  public static Stats of(long count, double min, double max, double sum) {
    if (count < 0) {
      throw new IllegalArgumentException("count must not be negative: " + count);
    }
    if (count == 0) {
      return EMPTY;
    }
    if (min > max) {
      throw new IllegalArgumentException("min " + min + " is greater than max " + max);
    }
    return new Stats(count, min, max, sum);
  }

  /** The statistics of the given values, computed directly (no combining). */
  public static Stats ofValues(double... values) {
    if (values.length == 0) {
      return EMPTY;
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    double sum = 0.0;
    for (double v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
      sum += v;
    }
    return new Stats(values.length, min, max, sum);
  }

  /**
   * {@code Combine.perKey(new StatsFn())}: statistics of the values of each key, per window and
   * pane. The result is a {@link Combine.PerKey}, so {@code withHotKeyFanout} and the like stay
   * available.
   */
  public static <K> Combine.PerKey<K, Double, Stats> perKey() {
    return Combine.perKey(new StatsFn());
  }

  /**
   * {@code Combine.globally(new StatsFn())}: statistics of all values. Outside the global window
   * call {@code .withoutDefaults()} on the result, as for any Beam global combine; in the global
   * window an empty input gives {@link #empty()}.
   */
  public static Combine.Globally<Double, Stats> globally() {
    return Combine.globally(new StatsFn());
  }

  /** How many values were summarised. */
  public long count() {
    return count;
  }

  /** The smallest value; NaN when count is 0. */
  public double min() {
    return min;
  }

  /** The largest value; NaN when count is 0. */
  public double max() {
    return max;
  }

  /** The sum of the values; 0 when count is 0. */
  public double sum() {
    return sum;
  }

  /** {@code sum / count}; NaN when count is 0. */
  public double mean() {
    return count == 0 ? Double.NaN : sum / count;
  }

  /** Whether no values were summarised. */
  public boolean isEmpty() {
    return count == 0;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof Stats)) {
      return false;
    }
    Stats s = (Stats) o;
    return count == s.count
        && Double.compare(min, s.min) == 0
        && Double.compare(max, s.max) == 0
        && Double.compare(sum, s.sum) == 0;
  }

  @Override
  public int hashCode() {
    int h = Long.hashCode(count);
    h = 31 * h + Double.hashCode(min);
    h = 31 * h + Double.hashCode(max);
    return 31 * h + Double.hashCode(sum);
  }

  @Override
  public String toString() {
    return "Stats{count="
        + count
        + ", min="
        + min
        + ", max="
        + max
        + ", sum="
        + sum
        + ", mean="
        + mean()
        + "}";
  }

  /**
   * Compact deterministic coder: the count as a var-long, then (only when count &gt; 0) min, max
   * and sum as the 8 big-endian bytes of {@link Double#doubleToLongBits}.
   *
   * <p>Beam's {@code DoubleCoder} declares itself non-deterministic; writing the canonical bits
   * ourselves makes equal values encode equally, so {@code Stats} can be a key or be compared
   * by encoding.
   */
  public static final class Coder extends AtomicCoder<Stats> {
    private static final Coder INSTANCE = new Coder();

    private Coder() {}

    /** The singleton coder. */
    public static Coder of() {
      return INSTANCE;
    }

    /** Lets {@code @DefaultCoder} find this coder through the coder registry. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(Stats.class), INSTANCE);
    }

    @Override
    public void encode(Stats stats, OutputStream out) throws IOException {
      VarLongCoder.of().encode(stats.count, out);
      if (stats.count > 0) {
        encodeDouble(stats.min, out);
        encodeDouble(stats.max, out);
        encodeDouble(stats.sum, out);
      }
    }

    @Override
    public Stats decode(InputStream in) throws IOException {
      long count = VarLongCoder.of().decode(in);
      if (count == 0) {
        return EMPTY;
      }
      return new Stats(count, decodeDouble(in), decodeDouble(in), decodeDouble(in));
    }

    @Override
    public void verifyDeterministic() {}

    @Override
    public boolean consistentWithEquals() {
      return true;
    }

    static void encodeDouble(double value, OutputStream out) throws IOException {
      BigEndianLongCoder.of().encode(Double.doubleToLongBits(value), out);
    }

    static double decodeDouble(InputStream in) throws IOException {
      return Double.longBitsToDouble(BigEndianLongCoder.of().decode(in));
    }
  }
}
