package dev.beamkit.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.jupiter.api.Test;

/** {@link Stats.Coder} and {@link StatsFn.Accumulator.Coder}: round trips, Beam's coder laws. */
class StatsCoderTest {
  private static final List<Stats> SAMPLES =
      List.of(
          Stats.empty(),
          Stats.ofValues(42),
          Stats.ofValues(20.5, 22, 21.25),
          Stats.of(3, -0.0, 0.0, 0.0),
          Stats.of(2, Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY, Double.NaN),
          Stats.of(Long.MAX_VALUE, -Double.MAX_VALUE, Double.MAX_VALUE, 1e300));

  @Test
  void statsCoderObeysBeamsCoderProperties() throws Exception {
    Stats.Coder coder = Stats.Coder.of();
    CoderLaws.assertObeyedBy(coder, SAMPLES);
    for (Stats s : SAMPLES) {
      CoderProperties.coderDeterministic(coder, s, Stats.of(s.count(), s.min(), s.max(), s.sum()));
    }
  }

  @Test
  void statsEncodingIsCompact() throws Exception {
    assertEquals(1, CoderUtils.encodeToByteArray(Stats.Coder.of(), Stats.empty()).length);
    assertEquals(25, CoderUtils.encodeToByteArray(Stats.Coder.of(), Stats.ofValues(1, 2, 3)).length);
  }

  @Test
  void equalityFollowsTheBitsLikeTheEncoding() throws Exception {
    assertEquals(Stats.of(1, Double.NaN, Double.NaN, Double.NaN), Stats.of(1, Double.NaN, Double.NaN, Double.NaN));
    assertNotEquals(Stats.of(1, 0.0, 0.0, 0.0), Stats.of(1, -0.0, 0.0, 0.0));
    // Any NaN bit pattern encodes as the canonical NaN.
    Stats odd = Stats.of(1, Double.longBitsToDouble(0x7ff8000000000123L), 1, 1);
    assertArrayEquals(
        CoderUtils.encodeToByteArray(Stats.Coder.of(), Stats.of(1, Double.NaN, 1, 1)),
        CoderUtils.encodeToByteArray(Stats.Coder.of(), odd));
  }

  @Test
  void valueFactoriesValidateAndDeriveTheMean() {
    Stats s = Stats.ofValues(1, 2, 4);
    assertEquals(3, s.count());
    assertEquals(1.0, s.min());
    assertEquals(4.0, s.max());
    assertEquals(7.0, s.sum());
    assertEquals(7.0 / 3, s.mean());
    assertEquals(Stats.empty(), Stats.of(0, 5, 6, 7));
    assertThrows(IllegalArgumentException.class, () -> Stats.of(-1, 0, 0, 0));
    assertThrows(IllegalArgumentException.class, () -> Stats.of(1, 2, 1, 0));
  }

  @Test
  void accumulatorCoderObeysBeamsCoderProperties() throws Exception {
    StatsFn fn = new StatsFn();
    Coder<StatsFn.Accumulator> coder = fn.getAccumulatorCoder(CoderRegistry.createDefault(), null);
    coder.verifyDeterministic();
    CoderProperties.coderSerializable(coder);
    StatsFn.Accumulator empty = fn.createAccumulator();
    StatsFn.Accumulator some = fn.addInput(fn.addInput(fn.createAccumulator(), 2.5), -7.0);
    for (StatsFn.Accumulator acc : List.of(empty, some)) {
      CoderProperties.coderDecodeEncodeEqual(coder, acc);
      CoderProperties.coderConsistentWithEquals(coder, acc, empty);
      CoderProperties.coderConsistentWithEquals(coder, acc, some);
    }
    assertEquals(Stats.of(2, -7.0, 2.5, -4.5), fn.extractOutput(CoderUtils.clone(coder, some)));
  }

  @Test
  void registryFindsTheStatsCoderFromTheAnnotation() throws Exception {
    assertEquals(Stats.Coder.of(), CoderRegistry.createDefault().getCoder(Stats.class));
  }
}
