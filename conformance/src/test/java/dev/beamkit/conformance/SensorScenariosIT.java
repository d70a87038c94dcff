package dev.beamkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamkit.pipelines.options.BeamkitOptions;
import dev.beamkit.pipelines.options.WindowEngine;
import dev.beamkit.pipelines.runtime.RunningJob;
import dev.beamkit.pipelines.sensors.ScenarioExpectations;
import dev.beamkit.pipelines.sensors.SensorDownsample;
import dev.beamkit.transforms.RawRecord;
import dev.beamkit.transforms.Scenario;
import dev.beamkit.transforms.StatsFn;
import dev.beamkit.transforms.WindowedCombine;
import dev.beamkit.transforms.TriggeredWindows;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.values.KV;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The TestStream scenarios of testdata/scenarios/ through sensor-downsample's transforms on each
 * local runner, compared with the panes each scenario promises in its comments (the ones
 * SensorDownsampleTest asserts on the DirectRunner), and, shown as they are, the places where a
 * runner does something else.
 */
class SensorScenariosIT {
  private static final Path SCENARIOS = Path.of("../testdata/scenarios");
  private static final String ON_TIME = "on-time.jsonl";
  private static final String LATE = "late-within-lateness.jsonl";
  private static final String TOO_LATE = "too-late-dropped.jsonl";
  private static final String OUT_OF_ORDER = "out-of-order.jsonl";

  /**
   * On Flink, a TestStream keeps its order of elements and watermarks only with one task per
   * operator and one element per bundle: a bundle holds the watermark back while later elements
   * join it, and with two tasks elements and watermarks travel on separate channels.
   */
  private static final String[] FLINK_IN_ORDER = {"--parallelism=1", "--maxBundleSize=1"};

  private static final WindowEngine BEAM = WindowEngine.BEAM;
  private static final WindowEngine STATEFUL = WindowEngine.STATEFUL;

  /** Direct and Flink run both window engines; Spark only Beam's (no timers in streaming). */
  static Stream<Arguments> promisedPanes() {
    List<Arguments> cases = new ArrayList<>();
    for (String file : List.of(ON_TIME, LATE, TOO_LATE, OUT_OF_ORDER)) {
      for (WindowEngine engine : List.of(BEAM, STATEFUL)) {
        cases.add(Arguments.of(RunnerTarget.DIRECT, file, engine));
        cases.add(Arguments.of(RunnerTarget.FLINK_LOCAL, file, engine));
      }
      if (!file.equals(TOO_LATE)) {
        cases.add(Arguments.of(RunnerTarget.SPARK_LOCAL, file, BEAM));
      }
    }
    return cases.stream();
  }

  @ParameterizedTest(name = "{0} {1} {2}")
  @MethodSource("promisedPanes")
  void panesAreThoseTheScenarioPromises(RunnerTarget target, String file, WindowEngine engine) {
    String[] runnerOptions = target == RunnerTarget.FLINK_LOCAL ? FLINK_IN_ORDER : new String[0];
    List<String> expected = ScenarioExpectations.of(SCENARIOS.resolve(file));
    assertEquals(
        lines(expected), lines(panes(target, file, expected.size(), engine, runnerOptions)));
  }

  /**
   * Spark does not drop data behind the allowed lateness: once the window's state is gone, a
   * too-late reading opens the window again and fires a second ON_TIME pane 0 holding only the
   * too-late readings. A sink that overwrites per window (Redis SET) would replace the right
   * answer with that one.
   */
  @Test
  void sparkCountsTooLateDataInASecondOnTimePaneOfItsOwn() {
    List<String> expected = new ArrayList<>(ScenarioExpectations.of(SCENARIOS.resolve(TOO_LATE)));
    expected.add("[12:00:00,12:00:10) ON_TIME pane 0: Sensor1 count=1 min=99.0 max=99.0 mean=99.0");
    expected.add("[12:00:00,12:00:10) ON_TIME pane 0: Sensor2 count=1 min=50.0 max=50.0 mean=50.0");
    assertEquals(lines(expected), lines(panes(RunnerTarget.SPARK_LOCAL, TOO_LATE, expected.size(), BEAM)));
  }

  /**
   * Why Spark keeps Beam's window engine: its runner itself refuses a DoFn with event-time timers
   * in streaming (Beam 2.62 added stateful DoFns to Spark streaming without timers,
   * apache/beam#33237). Built here without the option check that refuses it earlier.
   */
  @Test
  void sparkItselfRefusesTheStatefulEnginesTimers() {
    BeamkitOptions options = RunnerTarget.SPARK_LOCAL.profile().options(BeamkitOptions.class);
    Pipeline pipeline = Pipeline.create(options);
    pipeline
        .apply(
            TestStream.create(KvCoder.of(StringUtf8Coder.of(), DoubleCoder.of()))
                .addElements(KV.of("Sensor1", 20.0))
                .advanceWatermarkToInfinity())
        .apply(
            WindowedCombine.of(
                TriggeredWindows.<KV<String, Double>>fixed(Duration.standardSeconds(10)), new StatsFn()));
    RuntimeException refused =
        assertThrows(RuntimeException.class, () -> RunningJob.start(pipeline).close());
    assertTrue(
        String.valueOf(refused.getMessage()).contains("cannot yet be used with timers"),
        refused.toString());
  }

  /**
   * With flink-local.properties as it is (parallelism 2, bundles of up to 1000 elements or 1 s),
   * the late readings reach the window before the watermark that makes them late: there is no
   * LATE pane, the ON_TIME pane already holds them. This goes away with one element per bundle
   * and one task per operator ({@link #FLINK_IN_ORDER}), so it comes from bundles: a bundle holds
   * back the watermark, and the window operator's end-of-window timers are set as its bundles
   * finish. (Before TriggeredWindows fired ON_TIME only for panes with data, Flink also wrote an empty
   * count-0 ON_TIME pane per window and sensor here.)
   */
  @Test
  void flinkWithItsDefaultBundlesLetsLateDataOvertakeTheWatermark() {
    assertEquals(
        lines(
            List.of(
                "[12:00:00,12:00:10) ON_TIME pane 0: Sensor1 count=3 min=20.0 max=31.0 mean=25.0",
                "[12:00:00,12:00:10) ON_TIME pane 0: Sensor2 count=2 min=27.0 max=30.0 mean=28.5",
                "[12:00:10,12:00:20) ON_TIME pane 0: Sensor1 count=1 min=21.0 max=21.0 mean=21.0")),
        lines(panes(RunnerTarget.FLINK_LOCAL, LATE, 3, BEAM)));
  }

  /**
   * Runs {@code file} through sensor-downsample on {@code target} and returns the panes. A
   * runner whose job ends with the TestStream is waited for; Spark's streaming job never ends by
   * itself, so there the panes are taken once at least {@code atLeast} have arrived and no new
   * one has for a few micro-batches.
   */
  private static List<String> panes(
      RunnerTarget target, String file, int atLeast, WindowEngine engine, String... runnerOptions) {
    Pipeline pipeline = Pipeline.create(target.profile(runnerOptions).options(BeamkitOptions.class));
    Collected panes = new Collected();
    PCollection<RawRecord> input = pipeline.apply(Scenario.load(SCENARIOS.resolve(file)).asRawRecords());
    input
        .apply(
            new SensorDownsample.DownsampleReadings(
                SensorDownsample.Config.of(Duration.standardSeconds(10), Duration.standardSeconds(1))
                    .withWindowEngine(engine)))
        .windows()
        .apply(MapElements.into(TypeDescriptors.strings()).via(ScenarioExpectations::describe))
        .apply(panes.sink());

    RunningJob job = RunningJob.start(pipeline);
    try {
      long deadline = System.currentTimeMillis() + 120_000;
      int seen = -1;
      long quietSince = System.currentTimeMillis();
      while (System.currentTimeMillis() < deadline) {
        // null = still running after the wait (PipelineResult's contract; the DirectRunner keeps it)
        PipelineResult.State state = job.waitUntilFinish(java.time.Duration.ofMillis(500));
        if (state != null && state.isTerminal()) {
          break;
        }
        int now = panes.values().size();
        if (now != seen) {
          seen = now;
          quietSince = System.currentTimeMillis();
        } else if (now >= atLeast && System.currentTimeMillis() - quietSince > 5_000) {
          break;
        }
      }
    } finally {
      job.close();
    }
    return panes.values();
  }

  private static String lines(List<String> panes) {
    return String.join("\n", panes.stream().sorted().toList());
  }
}
