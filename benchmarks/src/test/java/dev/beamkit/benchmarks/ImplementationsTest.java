package dev.beamkit.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamkit.benchmarks.harness.Measurement;
import dev.beamkit.benchmarks.harness.SingleRun;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every implementation, in every mode it supports, gives the answer the test recomputes on its
 * own: the same window results bit for bit (or, for the read limit, the same totals).
 */
class ImplementationsTest {

  static Stream<Arguments> runs() {
    return Implementations.all().stream()
        .flatMap(impl -> impl.modes().stream().sorted().map(mode -> Arguments.of(impl.name(), mode)));
  }

  @ParameterizedTest(name = "{0} in {1} mode")
  @MethodSource("runs")
  void answerEqualsIndependentRecomputation(String name, Mode mode) throws Exception {
    Implementation impl = Implementations.byName(name);
    RunContext context = mode == Mode.KAFKA ? TestRuns.kafka(name) : TestRuns.memory(name);

    Measurement m = SingleRun.measure(impl, context);

    Answer expected =
        impl.expected(new Reference(Recompute.windows(TestRuns.WORKLOAD), Recompute.scan(TestRuns.WORKLOAD)));
    assertEquals(expected, m.answer());
    assertTrue(m.wallMillis() > 0 && m.wallMillis() < 120_000, "wall time " + m.wallMillis());
    assertTrue(m.peakHeapBytes() > 0, "peak heap measured");
    assertTrue(m.peakRssBytes() > 0, "RSS measured");
  }
}
