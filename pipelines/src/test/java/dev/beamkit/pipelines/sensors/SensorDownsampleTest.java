package dev.beamkit.pipelines.sensors;

import dev.beamkit.pipelines.options.WindowEngine;
import dev.beamkit.transforms.RawRecord;
import dev.beamkit.transforms.Scenario;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.testing.TestStream;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.Parameterized;
import org.junit.runners.Parameterized.Parameter;
import org.junit.runners.Parameterized.Parameters;

/**
 * sensor-downsample with its Kafka edges replaced: every scenario in testdata/scenarios/ is
 * replayed through a TestStream and the panes it promises in its comments are asserted, and the
 * bad-record file shows that every record ends up either parsed or dead-lettered. Every case
 * runs with both window engines ({@code --windowEngine=beam} and {@code stateful}); with the
 * stateful one, too-late readings must also reach the dead letters with their original record.
 */
@RunWith(Parameterized.class)
public class SensorDownsampleTest {
  private static final Path SCENARIOS = Path.of("../testdata/scenarios");

  @Rule public final transient TestPipeline p = TestPipeline.create();

  @Parameters(name = "{0}")
  public static List<WindowEngine> engines() {
    return List.of(WindowEngine.BEAM, WindowEngine.STATEFUL);
  }

  @Parameter public WindowEngine engine;

  /** 10 s windows, 1 s of allowed lateness, on {@link #engine}. */
  private SensorDownsample.DownsampleReadings downsample() {
    return new SensorDownsample.DownsampleReadings(
        SensorDownsample.Config.of(Duration.standardSeconds(10), Duration.standardSeconds(1)).withWindowEngine(engine));
  }

  private void assertScenario(String file) {
    Path scenario = SCENARIOS.resolve(file);
    PCollection<RawRecord> input = p.apply(Scenario.load(scenario).asRawRecords());
    PCollection<String> panes =
        input
            .apply(downsample())
            .windows()
            .apply(MapElements.into(TypeDescriptors.strings()).via(ScenarioExpectations::describe));
    PAssert.that(panes).containsInAnyOrder(ScenarioExpectations.of(scenario));
    p.run().waitUntilFinish();
  }

  @Test
  public void onTimeScenario() {
    assertScenario("on-time.jsonl");
  }

  @Test
  public void lateWithinLatenessScenario() {
    assertScenario("late-within-lateness.jsonl");
  }

  @Test
  public void tooLateDroppedScenario() {
    assertScenario("too-late-dropped.jsonl");
  }

  @Test
  public void outOfOrderScenario() {
    assertScenario("out-of-order.jsonl");
  }

  @Test
  public void resultJsonHasTheDesignFormat() {
    PCollection<RawRecord> input =
        p.apply(
            Create.of(
                RawRecord.fromLog(
                    "raw-temp-data", 0, 7, utf8("Sensor1"), utf8("{\"ts\":\"2024-03-01T12:00:01\",\"value\":42}"))));
    PCollection<String> json =
        input
            .apply(downsample())
            .windows()
            .apply(MapElements.into(TypeDescriptors.strings()).via(SensorDownsample::toJson));
    PAssert.that(json)
        .containsInAnyOrder(
            "{\"sensor\":\"Sensor1\",\"time\":1709294410000,\"windowStart\":1709294400000,"
                + "\"timing\":\"ON_TIME\",\"temperature\":{\"count\":1,\"min\":42.0,\"max\":42.0,\"mean\":42.0}}");
    p.run().waitUntilFinish();
  }

  @Test
  public void everyRecordIsParsedOrDeadLettered() {
    List<RawRecord> records =
        List.of(
            RawRecord.fromLog("raw-temp-data", 0, 1, utf8("Sensor1"), utf8("{\"ts\":\"2024-03-01T12:00:01\",\"value\":40}")),
            RawRecord.fromLog("raw-temp-data", 0, 2, utf8("Sensor1"), utf8("{\"ts\":\"2024-03-01T12:00:0")),
            RawRecord.fromLog("raw-temp-data", 1, 3, utf8("Sensor2"), utf8("{\"ts\":\"yesterday\",\"value\":1}")),
            RawRecord.fromLog("raw-temp-data", 1, 4, utf8("Sensor2"), utf8("{\"ts\":\"2024-03-01T12:00:02\",\"value\":\"hot\"}")),
            RawRecord.fromLog("raw-temp-data", 2, 5, utf8("Sensor3"), null));
    SensorDownsample.DownsampledReadings result = p.apply(Create.of(records)).apply(downsample());
    PAssert.that(
            result.deadLetters()
                .apply("Offsets", MapElements.into(TypeDescriptors.longs()).via(d -> d.original().offset())))
        .containsInAnyOrder(2L, 3L, 4L, 5L);
    PAssert.that(
            result.windows()
                .apply("Counts", MapElements.into(TypeDescriptors.longs()).via(w -> w.value().getValue().count())))
        .containsInAnyOrder(1L);
    p.run().waitUntilFinish();
  }

  @Test
  public void tooLateReadingsAreDeadLetteredWithTheirOriginalRecord() {
    TimestampedValue<RawRecord> tooLate = reading(3, "Sensor1", "12:00:08", 99);
    TimestampedValue<RawRecord> tooLateOfAnotherSensor = reading(4, "Sensor2", "12:00:09", 50);
    TestStream<RawRecord> stream =
        TestStream.create(RawRecord.Coder.of())
            .addElements(reading(1, "Sensor1", "12:00:02", 20), reading(2, "Sensor1", "12:00:06", 22))
            // Past the first window's end plus its 1 s of allowed lateness.
            .advanceWatermarkTo(Instant.parse("2024-03-01T12:00:12Z"))
            .addElements(
                tooLate,
                tooLateOfAnotherSensor,
                TimestampedValue.of(
                    RawRecord.fromLog("raw-temp-data", 0, 5, utf8("Sensor1"), utf8("{")),
                    Instant.parse("2024-03-01T12:00:12Z")))
            .advanceWatermarkToInfinity();

    SensorDownsample.DownsampledReadings result = p.apply(stream).apply(downsample());

    PCollection<String> letters =
        result
            .deadLetters()
            .apply(
                "Letters",
                MapElements.into(TypeDescriptors.strings())
                    .via(
                        d ->
                            d.original().topic()
                                + "/"
                                + d.original().partition()
                                + "@"
                                + d.original().offset()
                                + " "
                                + d.step()
                                + " "
                                + d.original().keyAsString()
                                + " "
                                + new String(d.payload(), StandardCharsets.UTF_8)));
    if (engine == WindowEngine.STATEFUL) {
      PAssert.that(letters)
          .containsInAnyOrder(
              "raw-temp-data/1@3 too-late Sensor1 " + text(tooLate),
              "raw-temp-data/1@4 too-late Sensor2 " + text(tooLateOfAnotherSensor),
              "raw-temp-data/0@5 parse Sensor1 {");
    } else {
      // Beam's window operator drops them, counting them in droppedDueToLateness only.
      PAssert.that(letters).containsInAnyOrder("raw-temp-data/0@5 parse Sensor1 {");
    }
    PAssert.that(
            result
                .windows()
                .apply(
                    "Counts",
                    MapElements.into(TypeDescriptors.longs())
                        .via(w -> w.value().getValue().count())))
        .containsInAnyOrder(2L);
    p.run().waitUntilFinish();
  }

  /** A reading of 2024-03-01 at {@code clock} UTC from partition 1 at {@code offset}. */
  private static TimestampedValue<RawRecord> reading(
      long offset, String sensor, String clock, double value) {
    String ts = "2024-03-01T" + clock;
    return TimestampedValue.of(
        RawRecord.fromLog(
            "raw-temp-data",
            1,
            offset,
            utf8(sensor),
            utf8("{\"ts\":\"" + ts + "\",\"value\":" + value + "}")),
        Instant.parse(ts + "Z"));
  }

  private static String text(TimestampedValue<RawRecord> record) {
    return new String(record.getValue().value(), StandardCharsets.UTF_8);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
