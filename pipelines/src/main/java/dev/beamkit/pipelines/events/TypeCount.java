package dev.beamkit.pipelines.events;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Collections;
import java.util.SortedMap;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SortedMapCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.values.KV;

/**
 * How many events of a type were counted, and the highest offset counted in each partition
 * ({@code {topic}:{partition}}): what the Redis write needs to know what a later launch must not
 * count again ({@link dev.beamkit.pipelines.redis.CountedOffsets}).
 */
public record TypeCount(long count, SortedMap<String, Long> highestOffsets) implements Serializable {
  /** Nothing counted. */
  public static final TypeCount NONE = new TypeCount(0, Collections.emptySortedMap());

  /** This count and one more event, at {@code position}: its partition and offset. */
  TypeCount plus(KV<String, Long> position) {
    return plus(new TypeCount(1, position.getKey().isEmpty() ? NONE.highestOffsets : single(position)));
  }

  /** Both counts, the higher offset of each partition. */
  TypeCount plus(TypeCount other) {
    SortedMap<String, Long> highest = new TreeMap<>(highestOffsets);
    other.highestOffsets.forEach((partition, offset) -> highest.merge(partition, offset, Math::max));
    return new TypeCount(count + other.count, highest);
  }

  private static SortedMap<String, Long> single(KV<String, Long> position) {
    SortedMap<String, Long> one = new TreeMap<>();
    one.put(position.getKey(), position.getValue());
    return one;
  }

  /**
   * Counts the positions {@code ({topic}:{partition}, offset)} of a type's events; a position
   * with an empty partition (a record from no log, e.g. a TestStream's) is counted without it.
   */
  public static final class Tally extends Combine.CombineFn<KV<String, Long>, TypeCount, TypeCount> {
    @Override
    public TypeCount createAccumulator() {
      return NONE;
    }

    @Override
    public TypeCount addInput(TypeCount sofar, KV<String, Long> position) {
      return sofar.plus(position);
    }

    @Override
    public TypeCount mergeAccumulators(Iterable<TypeCount> counts) {
      TypeCount merged = NONE;
      for (TypeCount count : counts) {
        merged = merged.plus(count);
      }
      return merged;
    }

    @Override
    public TypeCount extractOutput(TypeCount count) {
      return count;
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<TypeCount> getAccumulatorCoder(
        CoderRegistry registry, org.apache.beam.sdk.coders.Coder<KV<String, Long>> input) {
      return Coder.of();
    }

    @Override
    public org.apache.beam.sdk.coders.Coder<TypeCount> getDefaultOutputCoder(
        CoderRegistry registry, org.apache.beam.sdk.coders.Coder<KV<String, Long>> input) {
      return Coder.of();
    }
  }

  /** The count, then the partitions and their offsets. */
  public static final class Coder extends AtomicCoder<TypeCount> {
    private static final Coder INSTANCE = new Coder();
    private static final SortedMapCoder<String, Long> OFFSETS =
        SortedMapCoder.of(StringUtf8Coder.of(), VarLongCoder.of());

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(TypeCount value, OutputStream out) throws IOException {
      VarLongCoder.of().encode(value.count, out);
      OFFSETS.encode(value.highestOffsets, out);
    }

    @Override
    public TypeCount decode(InputStream in) throws IOException {
      return new TypeCount(VarLongCoder.of().decode(in), OFFSETS.decode(in));
    }
  }
}
