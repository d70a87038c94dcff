package dev.beamkit.transforms;

import static dev.beamkit.transforms.StatsPanes.kv;
import static dev.beamkit.transforms.StatsPanes.window;
import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;

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
import org.junit.runners.JUnit4;

/**
 * Replays each file of {@code testdata/scenarios/} through the sensor-downsample windowing (10 s
 * fixed windows, 1 s allowed lateness) and {@link Stats#perKey()}: the panes must be exactly
 * those the file's {@code // expected} lines promise, and a key pane is checked again with
 * PAssert's pane matchers.
 */
@RunWith(JUnit4.class)
@SuppressWarnings("unchecked") // PAssert.containsInAnyOrder takes generic varargs
public class ScenarioFilesTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  /** Runs the file and asserts its documented panes; returns the statistics for more checks. */
  private PCollection<KV<String, Stats>> replay(String fileName) {
    Path file = ScenarioFiles.file(fileName);
    List<String> expected = ScenarioFiles.expectedPanes(file);
    assertFalse(fileName + " documents no expected panes", expected.isEmpty());

    PCollection<KV<String, Stats>> stats =
        p.apply("Replay", Scenario.load(file).asKeyValues())
            .apply("ParseReading", ParDo.of(new ScenarioFiles.ParseReading()))
            .apply(
                "SensorWindows",
                Windowing.<KV<String, Double>>fixed(Duration.standardSeconds(10))
                    .withAllowedLateness(Duration.standardSeconds(1)))
            .apply("Stats", Stats.<String>perKey());
    PCollection<String> panes =
        stats
            .apply("Attach", Windowed.attach())
            .apply(
                "Describe",
                MapElements.into(TypeDescriptors.strings()).via(ScenarioFiles::describe));
    PAssert.that(panes).containsInAnyOrder(expected);
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
    PipelineResult result = p.run();
    result.waitUntilFinish();
    assertEquals("Sensor1 99 and Sensor2 50", 2, StatsPanes.droppedDueToLateness(result));
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
