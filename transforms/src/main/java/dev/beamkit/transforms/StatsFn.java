package dev.beamkit.transforms;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Combines doubles into {@link Stats} (count, min, max, sum, mean).
 *
 * <p>The accumulator is small and mergeable, so runners may lift the combine before the shuffle
 * (partial accumulators per bundle, encoded with {@link Accumulator.Coder}, merged after) and
 * the result does not depend on how the input was split. Only the sum (and so the mean) may
 * differ in the last bits between groupings, as floating-point addition is not associative.
 *
 * <p>NaN inputs propagate into min, max and sum, as with {@link Math#min}; null inputs are
 * rejected with a {@link NullPointerException}.
 */
public final class StatsFn extends Combine.CombineFn<Double, StatsFn.Accumulator, Stats> {

  @Override
  public Accumulator createAccumulator() {
    return new Accumulator();
  }

  @Override
  public Accumulator addInput(Accumulator acc, Double input) {
    Objects.requireNonNull(input, "StatsFn input must not be null");
    acc.add(input);
    return acc;
  }

  @Override
  public Accumulator mergeAccumulators(Iterable<Accumulator> accumulators) {
    Accumulator merged = new Accumulator();
    for (Accumulator acc : accumulators) {
      merged.merge(acc);
    }
    return merged;
  }

  @Override
  public Stats extractOutput(Accumulator acc) {
    return acc.toStats();
  }

  @Override
  public org.apache.beam.sdk.coders.Coder<Accumulator> getAccumulatorCoder(
      CoderRegistry registry, org.apache.beam.sdk.coders.Coder<Double> inputCoder) {
    return Accumulator.Coder.of();
  }

  @Override
  public org.apache.beam.sdk.coders.Coder<Stats> getDefaultOutputCoder(
      CoderRegistry registry, org.apache.beam.sdk.coders.Coder<Double> inputCoder) {
    return Stats.Coder.of();
  }

  /**
   * The running state of {@link StatsFn}: count, min, max and sum of the values added so far.
   * Mutable, as Beam accumulators usually are; an empty accumulator (count 0) extracts to {@link
   * Stats#empty()}.
   */
  public static final class Accumulator {
    private long count;
    private double min = Double.POSITIVE_INFINITY;
    private double max = Double.NEGATIVE_INFINITY;
    private double sum;

    /** An empty accumulator. */
    public Accumulator() {}

    private Accumulator(long count, double min, double max, double sum) {
      this.count = count;
      this.min = min;
      this.max = max;
      this.sum = sum;
    }

    void add(double value) {
      count++;
      min = Math.min(min, value);
      max = Math.max(max, value);
      sum += value;
    }

    void merge(Accumulator other) {
      // An empty accumulator holds the identities +inf/-inf, so merging it changes nothing.
      count += other.count;
      min = Math.min(min, other.min);
      max = Math.max(max, other.max);
      sum += other.sum;
    }

    /** The statistics accumulated so far. */
    public Stats toStats() {
      return Stats.of(count, min, max, sum);
    }

    @Override
    public boolean equals(@Nullable Object o) {
      if (!(o instanceof Accumulator)) {
        return false;
      }
      Accumulator a = (Accumulator) o;
      return count == a.count
          && Double.compare(min, a.min) == 0
          && Double.compare(max, a.max) == 0
          && Double.compare(sum, a.sum) == 0;
    }

    @Override
    public int hashCode() {
      return Objects.hash(count, min, max, sum);
    }

    @Override
    public String toString() {
      return "StatsFn.Accumulator{count=" + count + ", min=" + min + ", max=" + max + ", sum="
          + sum + "}";
    }

    /**
     * Compact deterministic coder of the accumulator: count as a var-long, then (only when count
     * &gt; 0) min, max and sum as canonical double bits, like {@link Stats.Coder}.
     */
    public static final class Coder extends AtomicCoder<Accumulator> {
      private static final Coder INSTANCE = new Coder();

      private Coder() {}

      /** The singleton coder. */
      public static Coder of() {
        return INSTANCE;
      }

      @Override
      public void encode(Accumulator acc, OutputStream out) throws IOException {
        VarLongCoder.of().encode(acc.count, out);
        if (acc.count > 0) {
          Stats.Coder.encodeDouble(acc.min, out);
          Stats.Coder.encodeDouble(acc.max, out);
          Stats.Coder.encodeDouble(acc.sum, out);
        }
      }

      @Override
      public Accumulator decode(InputStream in) throws IOException {
        long count = VarLongCoder.of().decode(in);
        if (count == 0) {
          return new Accumulator();
        }
        return new Accumulator(
            count, Stats.Coder.decodeDouble(in), Stats.Coder.decodeDouble(in),
            Stats.Coder.decodeDouble(in));
      }

      @Override
      public void verifyDeterministic() {}

      @Override
      public boolean consistentWithEquals() {
        return true;
      }
    }
  }
}
