package dev.beamkit.transforms;

import static dev.beamkit.transforms.StatsPanes.kv;
import static dev.beamkit.transforms.StatsPanes.window;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

import dev.beamkit.transforms.StatsPanes.Computed;
import dev.beamkit.transforms.StatsPanes.Engine;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

/**
 * Replays each file of {@code testdata/scenarios/} through the sensor-downsample windowing (10 s
 * fixed windows, 1 s allowed lateness) and {@link Stats#perKey()}: the panes must be exactly
 * those the file's {@code // expected} lines promise, and a key pane is checked again with
 * PAssert's pane matchers. Every file runs on both engines (Beam's window operator and the
 * stateful {@link WindowedCombine}) against the same lines; the stateful engine's too-late output
 * must hold exactly the readings Beam drops.
 */
@RunWith(Parameterized.class)
@SuppressWarnings("unchecked") // PAssert.containsInAnyOrder takes generic varargs
public class ScenarioFilesTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  @Parameters(name = "{0}")
  public static List<Engine> engines() {
    return List.of(Engine.BEAM, Engine.STATEFUL);
  }

  @Parameter public Engine engine;

  private Computed computed;

  /** Runs the file and asserts its documented panes; returns the statistics for more checks. */
  private PCollection<KV<String, Stats>> replay(String fileName) {
    Path file = ScenarioFiles.file(fileName);
    List<String> expected = ScenarioFiles.expectedPanes(file);
    assertFalse(fileName + " documents no expected panes", expected.isEmpty());

    computed =
        StatsPanes.stats(
            p.apply("Replay", Scenario.load(file).asKeyValues())
                .apply("ParseReading", ParDo.of(new ScenarioFiles.ParseReading())),
            TriggeredWindows.<KV<String, Double>>fixed(Duration.standardSeconds(10))
                .withAllowedLateness(Duration.standardSeconds(1)),
            engine);
    PCollection<KV<String, Stats>> stats = computed.stats();
    PCollection<String> panes =
        stats
            .apply("Attach", Windowed.attach())
            .apply(
                "Describe",
                MapElements.into(TypeDescriptors.strings()).via(ScenarioFiles::describe));
    PAssert.that(panes).containsInAnyOrder(expected);
    if (engine == Engine.STATEFUL && !fileName.startsWith("too-late")) {
      PAssert.that(computed.tooLate()).empty();
    }
    return stats;
  }

  @Test
  public void testOnTimeScenario() {
    PCollection<KV<String, Stats>> stats = replay("on-time.jsonl");
    PAssert.that(stats)
        .inOnTimePane(window(0))
        .containsInAnyOrder(kv("Sensor1", 20.5, 22, 21.25), kv("Sensor2", 30));
    PAssert.that(stats).inLatePane(window(0)).empty();
    p.run().waitUntilFinish();
  }

  @Test
  public void testLateWithinLatenessScenario() {
    PCollection<KV<String, Stats>> stats = replay("late-within-lateness.jsonl");
    PAssert.that(stats)
        .inLatePane(window(0))
        .containsInAnyOrder(kv("Sensor1", 20, 24, 31), kv("Sensor2", 30, 27));
    p.run().waitUntilFinish();
  }

  @Test
  public void testTooLateDroppedScenario() {
    PCollection<KV<String, Stats>> stats = replay("too-late-dropped.jsonl");
    // The watermark jumped past end and lateness at once, so the ON_TIME pane is also final.
    PAssert.that(stats).inFinalPane(window(0)).containsInAnyOrder(kv("Sensor1", 20, 22));
    PAssert.that(stats).inLatePane(window(0)).empty();
    if (engine == Engine.STATEFUL) {
      PAssert.that(computed.tooLate())
          .containsInAnyOrder(
              StatsPanes.tooLate("Sensor1", 99, window(0)),
              StatsPanes.tooLate("Sensor2", 50, window(0)));
    }
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals(
        "Sensor1 99 and Sensor2 50",
        engine == Engine.BEAM ? 2 : 0,
        StatsPanes.droppedDueToLateness(result));
  }

  @Test
  public void testOutOfOrderScenario() {
    PCollection<KV<String, Stats>> stats = replay("out-of-order.jsonl");
    PAssert.that(stats)
        .inOnTimePane(window(10))
        .containsInAnyOrder(kv("Sensor1", 30), kv("Sensor2", 41));
    p.run().waitUntilFinish();
  }
}
