package dev.beamkit.transforms.time;

import dev.beamkit.transforms.BadRecordsFile.SensorReading;
import dev.beamkit.transforms.DeadLetter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Reify;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

public class EventTimeTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final SensorReading ON_TIME =
      new SensorReading("Sensor1", "2024-03-01T12:00:00.123456", 42);
  private static final SensorReading YESTERDAY = new SensorReading("Sensor1", "yesterday", 42);

  /** "step | type | message | payload | coordinates" of a dead letter from EventTime. */
  private static PCollection<String> describe(PCollection<DeadLetter> deadLetters) {
    return deadLetters.apply(
        "Describe",
        MapElements.into(TypeDescriptors.strings())
            .via(
                d ->
                    String.join(
                        " | ",
                        d.step(),
                        d.exceptionType(),
                        d.errorMessage(),
                        new String(d.payload(), StandardCharsets.UTF_8),
                        d.original().hasCoordinates() ? "coordinates" : "no coordinates")));
  }

  @Test
  public void typedRecordsGetTheirTimestampFromAField() {
    WithFailures.Result<PCollection<SensorReading>, DeadLetter> result =
        p.apply(Create.of(ON_TIME, new SensorReading("Sensor2", "2024-03-01 12:00:05", 1)))
            .apply(EventTime.of(SensorReading::ts));
    PAssert.that(result.output().apply(Reify.timestamps()))
        .containsInAnyOrder(
            TimestampedValue.of(ON_TIME, Instant.parse("2024-03-01T12:00:00.123Z")),
            TimestampedValue.of(
                new SensorReading("Sensor2", "2024-03-01 12:00:05", 1),
                Instant.parse("2024-03-01T12:00:05Z")));
    PAssert.that(result.failures()).empty();
    p.run();
  }

  @Test
  public void unparseableTimesBecomeDeadLettersHoldingTheElementAsJson() {
    WithFailures.Result<PCollection<SensorReading>, DeadLetter> result =
        p.apply(Create.of(ON_TIME, YESTERDAY))
            .apply(EventTime.of(SensorReading::ts).withParser(EventTimeParser.of(TimeFormat.ISO_LOCAL)));
    PAssert.that(result.output()).containsInAnyOrder(ON_TIME);
    PAssert.that(describe(result.failures()))
        .containsInAnyOrder(
            "event-time | dev.beamkit.transforms.time.EventTimeException | cannot parse event time"
                + " \"yesterday\" as ISO_LOCAL: expected yyyy-MM-ddTHH:mm:ss with an optional"
                + " fraction of up to 9 digits"
                + " | {\"sensor\":\"Sensor1\",\"ts\":\"yesterday\",\"value\":42.0} | no coordinates");
    p.run();
  }

  @Test
  public void aNullOrThrowingFieldIsADeadLetterNotACrash() {
    PCollection<SensorReading> noTs = p.apply(Create.of(new SensorReading("Sensor3", null, 1)));
    PCollection<DeadLetter> nullField =
        noTs.apply("NullField", EventTime.of(SensorReading::ts)).failures();
    PCollection<DeadLetter> throwingField =
        noTs.apply("ThrowingField", EventTime.of((SensorReading r) -> r.ts().trim())).failures();
    PAssert.that(describe(nullField))
        .containsInAnyOrder(
            "event-time | dev.beamkit.transforms.time.EventTimeException | event time is null"
                + " | {\"sensor\":\"Sensor3\",\"ts\":null,\"value\":1.0} | no coordinates");
    PAssert.that(
            throwingField.apply(
                "ThrowingType",
                MapElements.into(TypeDescriptors.strings()).via(DeadLetter::exceptionType)))
        .containsInAnyOrder(NullPointerException.class.getName());
    p.run();
  }

  @Test
  public void timesBeforeTheInputTimestampNeedAnAllowedSkew() {
    PCollection<SensorReading> arrivedLater =
        p.apply(
            Create.timestamped(
                    List.of(TimestampedValue.of(ON_TIME, Instant.parse("2024-03-01T12:00:10Z"))))
                .withCoder(SensorReading.Coder.of()));
    WithFailures.Result<PCollection<SensorReading>, DeadLetter> strict =
        arrivedLater.apply("NoSkew", EventTime.of(SensorReading::ts));
    WithFailures.Result<PCollection<SensorReading>, DeadLetter> skewed =
        arrivedLater.apply(
            "TenSeconds",
            EventTime.of(SensorReading::ts).withAllowedTimestampSkew(Duration.standardSeconds(10)));
    PAssert.that(strict.output()).empty();
    PAssert.that(
            strict
                .failures()
                .apply("Type", MapElements.into(TypeDescriptors.strings()).via(DeadLetter::exceptionType)))
        .containsInAnyOrder("event-time-too-early");
    PAssert.that(skewed.output().apply(Reify.timestamps()))
        .containsInAnyOrder(TimestampedValue.of(ON_TIME, Instant.parse("2024-03-01T12:00:00.123Z")));
    p.run();
  }
}
