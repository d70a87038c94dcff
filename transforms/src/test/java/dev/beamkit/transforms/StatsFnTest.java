package dev.beamkit.transforms;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderException;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.testing.CombineFnTester;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * {@link StatsFn} against a direct recomputation: random data split into partial accumulators
 * that are encoded, decoded and merged in random groupings, the way a runner that lifts the
 * combine would; Beam's {@link CombineFnTester}; and pipelines through {@link Stats#perKey()}
 * and {@link Stats#globally()}.
 */
@RunWith(JUnit4.class)
public class StatsFnTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private final StatsFn fn = new StatsFn();

  @Test
  public void matchesDirectRecomputationUnderRandomSplitsAndMerges() throws CoderException {
    Random random = new Random(20240301);
    for (int trial = 0; trial < 300; trial++) {
      double[] values = randomValues(random, random.nextInt(40));
      List<StatsFn.Accumulator> partials = new ArrayList<>();
      int i = 0;
      while (i < values.length || partials.isEmpty()) {
        StatsFn.Accumulator acc = fn.createAccumulator();
        int end = Math.min(values.length, i + random.nextInt(6));
        for (; i < end; i++) {
          acc = fn.addInput(acc, values[i]);
        }
        partials.add(overTheWire(acc));
      }
      Stats actual = fn.extractOutput(mergeRandomly(partials, random));

      Stats expected = Stats.ofValues(values);
      String context = "trial " + trial + " with " + values.length + " values";
      assertEquals(context, expected.count(), actual.count());
      assertEquals(context, expected.min(), actual.min(), 0.0);
      assertEquals(context, expected.max(), actual.max(), 0.0);
      // Additions regrouped may differ in the last bits; nothing else may differ.
      assertEquals(context, expected.sum(), actual.sum(), 1e-9 * (1 + sumOfMagnitudes(values)));
      assertEquals(
          context, expected.mean(), actual.mean(), 1e-9 * (1 + sumOfMagnitudes(values)));
    }
  }

  @Test
  public void passesBeamsCombineFnTester() {
    Random random = new Random(7);
    for (int size : new int[] {0, 1, 2, 17, 100}) {
      List<Double> values = new ArrayList<>();
      double[] array = new double[size];
      for (int i = 0; i < size; i++) {
        // Whole numbers: every summation order is exact, so the expected Stats is exact too.
        array[i] = random.nextInt(2001) - 1000;
        values.add(array[i]);
      }
      CombineFnTester.testCombineFn(fn, values, Stats.ofValues(array));
    }
  }

  @Test
  public void emptyAccumulatorGivesEmptyStatsAndIsNeutralInMerges() throws CoderException {
    Stats empty = fn.extractOutput(fn.createAccumulator());
    assertEquals(Stats.empty(), empty);
    assertEquals(0, empty.count());
    assertEquals(0.0, empty.sum(), 0.0);
    assertTrue(Double.isNaN(empty.min()));
    assertTrue(Double.isNaN(empty.max()));
    assertTrue(Double.isNaN(empty.mean()));

    StatsFn.Accumulator some = fn.addInput(fn.addInput(fn.createAccumulator(), -3.0), 5.0);
    StatsFn.Accumulator merged =
        fn.mergeAccumulators(
            List.of(fn.createAccumulator(), some, overTheWire(fn.createAccumulator())));
    assertEquals(Stats.of(2, -3.0, 5.0, 2.0), fn.extractOutput(merged));
  }

  @Test
  public void perKeyOverManyKeysMatchesRecomputationWithLiftedMerges() {
    Random random = new Random(99);
    List<KV<String, Double>> input = new ArrayList<>();
    List<KV<String, Stats>> expected = new ArrayList<>();
    for (int key = 0; key < 100; key++) {
      double[] values = new double[1 + random.nextInt(30)];
      for (int i = 0; i < values.length; i++) {
        values[i] = random.nextInt(1000) / 4.0; // exact in binary: order-independent sums
        input.add(KV.of("k" + key, values[i]));
      }
      expected.add(KV.of("k" + key, Stats.ofValues(values)));
    }
    Collections.shuffle(input, random);
    MergeCountingStatsFn.MERGES.set(0);

    PCollection<KV<String, Double>> readings = p.apply(Create.of(input));
    PCollection<KV<String, Stats>> stats = readings.apply("StatsPerKey", Stats.<String>perKey());
    PCollection<KV<String, Stats>> counted =
        readings.apply("CountingStatsPerKey", Combine.perKey(new MergeCountingStatsFn()));

    PAssert.that(stats).containsInAnyOrder(expected);
    PAssert.that(counted).containsInAnyOrder(expected);
    assertEquals(
        Stats.Coder.of(), ((KvCoder<?, ?>) stats.getCoder()).getValueCoder());
    p.run().waitUntilFinish();
    // The runner lifted the combine: partial accumulators were merged after the shuffle.
    assertTrue(MergeCountingStatsFn.MERGES.get() >= 100);
  }

  @Test
  public void globallyCombinesAllValuesAndGivesEmptyForNoInput() {
    PCollection<Stats> all =
        p.apply("Values", Create.of(4.0, -1.5, 10.0, 2.5)).apply("All", Stats.globally());
    PCollection<Stats> none =
        p.apply("NoValues", Create.empty(DoubleCoder.of())).apply("None", Stats.globally());

    PAssert.thatSingleton(all).isEqualTo(Stats.of(4, -1.5, 10.0, 15.0));
    PAssert.thatSingleton(none).isEqualTo(Stats.empty());
    p.run().waitUntilFinish();
  }

  /** {@link StatsFn} that counts merges, to show the runner really merges accumulators. */
  private static final class MergeCountingStatsFn
      extends Combine.CombineFn<Double, StatsFn.Accumulator, Stats> {
    static final AtomicInteger MERGES = new AtomicInteger();
    private final StatsFn fn = new StatsFn();

    @Override
    public StatsFn.Accumulator createAccumulator() {
      return fn.createAccumulator();
    }

    @Override
    public StatsFn.Accumulator addInput(StatsFn.Accumulator acc, Double input) {
      return fn.addInput(acc, input);
    }

    @Override
    public StatsFn.Accumulator mergeAccumulators(Iterable<StatsFn.Accumulator> accs) {
      MERGES.incrementAndGet();
      return fn.mergeAccumulators(accs);
    }

    @Override
    public Stats extractOutput(StatsFn.Accumulator acc) {
      return fn.extractOutput(acc);
    }

    @Override
    public Coder<StatsFn.Accumulator> getAccumulatorCoder(
        CoderRegistry registry, Coder<Double> inputCoder) {
      return fn.getAccumulatorCoder(registry, inputCoder);
    }
  }

  private static double[] randomValues(Random random, int n) {
    double[] values = new double[n];
    for (int i = 0; i < n; i++) {
      double magnitude = Math.pow(10, random.nextInt(7) - 3);
      values[i] = (random.nextDouble() * 2 - 1) * magnitude;
    }
    return values;
  }

  private static double sumOfMagnitudes(double[] values) {
    double sum = 0;
    for (double v : values) {
      sum += Math.abs(v);
    }
    return sum;
  }

  /** Encodes and decodes an accumulator, as a lifted combine does across the shuffle. */
  private static StatsFn.Accumulator overTheWire(StatsFn.Accumulator acc) throws CoderException {
    StatsFn.Accumulator.Coder coder = StatsFn.Accumulator.Coder.of();
    return CoderUtils.decodeFromByteArray(coder, CoderUtils.encodeToByteArray(coder, acc));
  }

  /** Merges in random nested groups until one accumulator is left. */
  private StatsFn.Accumulator mergeRandomly(List<StatsFn.Accumulator> accs, Random random)
      throws CoderException {
    List<StatsFn.Accumulator> level = new ArrayList<>(accs);
    while (level.size() > 1) {
      Collections.shuffle(level, random);
      List<StatsFn.Accumulator> next = new ArrayList<>();
      int i = 0;
      while (i < level.size()) {
        int end = Math.min(level.size(), i + 1 + random.nextInt(3));
        next.add(overTheWire(fn.mergeAccumulators(level.subList(i, end))));
        i = end;
      }
      level = next;
    }
    return level.get(0);
  }
}
