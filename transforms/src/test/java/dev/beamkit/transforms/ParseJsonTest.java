package dev.beamkit.transforms;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.instanceOf;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.beamkit.transforms.BadRecordsFile.SensorReading;
import dev.beamkit.transforms.time.EventTimeExtractor;
import dev.beamkit.transforms.time.EventTimeParser;
import dev.beamkit.transforms.time.TimeFormat;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Reify;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TimestampedValue;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;

public class ParseJsonTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static RawRecord keyed(long offset, @Nullable String key, String json) {
    return RawRecord.fromLog(
        "raw-temp-data",
        2,
        offset,
        key == null ? null : key.getBytes(StandardCharsets.UTF_8),
        json.getBytes(StandardCharsets.UTF_8));
  }

  private PCollection<RawRecord> input(RawRecord... records) {
    return p.apply(Create.of(List.of(records)).withCoder(RawRecord.Coder.of()));
  }

  @Test
  public void keyIsInjectedOnlyWhereThePayloadHasNoValue() {
    WithFailures.Result<PCollection<SensorReading>, DeadLetter> result =
        input(
                keyed(0, "Sensor1", "{\"ts\":\"t0\",\"value\":1}"),
                keyed(1, "Sensor1", "{\"sensor\":\"Sensor9\",\"ts\":\"t1\",\"value\":2}"),
                keyed(2, "Sensor1", "{\"sensor\":null,\"ts\":\"t2\",\"value\":3}"),
                keyed(3, "Zürich-7", "{\"ts\":\"t3\",\"value\":4}"))
            .apply(ParseJson.of(SensorReading.class).withKeyField("sensor"));
    PAssert.that(result.output())
        .containsInAnyOrder(
            new SensorReading("Sensor1", "t0", 1),
            new SensorReading("Sensor9", "t1", 2),
            new SensorReading("Sensor1", "t2", 3),
            new SensorReading("Zürich-7", "t3", 4));
    PAssert.that(result.failures()).empty();
    p.run();
  }

  @Test
  public void keepingOriginalsPairsEachValueWithTheRecordItCameFrom() {
    RawRecord good = keyed(7, "Sensor1", "{\"ts\":\"t0\",\"value\":1}");
    WithFailures.Result<PCollection<KV<RawRecord, SensorReading>>, DeadLetter> result =
        input(good, keyed(8, "Sensor1", "{\"ts\":"))
            .apply(ParseJson.of(SensorReading.class).withKeyField("sensor").keepingOriginals());
    PAssert.that(result.output())
        .containsInAnyOrder(KV.of(good, new SensorReading("Sensor1", "t0", 1)));
    PAssert.that(result.failures())
        .satisfies(
            letters -> {
              DeadLetter only = letters.iterator().next();
              assertThat(only.original().offset(), is(8L));
              assertThat(only.step(), is(ParseJson.STEP));
              return null;
            });
    p.run();
  }

  @Test
  public void withoutAKeyARecordComponentIsMissingAndTheRecordDeadLettered() {
    WithFailures.Result<PCollection<SensorReading>, DeadLetter> result =
        input(keyed(5, null, "{\"ts\":\"t\",\"value\":1}"))
            .apply(ParseJson.of(SensorReading.class).withKeyField("sensor"));
    PAssert.that(result.output()).empty();
    PAssert.that(BadRecordsFile.summaries(result.failures()))
        .containsInAnyOrder(
            "5 parse: Missing creator property 'sensor' (index 0);"
                + " `DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES` enabled (field sensor)");
    p.run();
  }

  @Test
  public void requiredFieldsAreEnforcedForPojosWhereJacksonDoesNot() {
    PCollection<RawRecord> input =
        input(
            keyed(0, null, "{\"sensor\":\"a\",\"value\":1}"),
            keyed(1, null, "{\"value\":2}"),
            keyed(2, null, "{\"sensor\":null}"),
            keyed(3, "k", "{\"value\":3}"));
    WithFailures.Result<PCollection<Reading>, DeadLetter> strict =
        input.apply(
            "Strict",
            ParseJson.of(Reading.class)
                .withKeyField("sensor")
                .withRequiredFields("sensor", "value")
                .withCoder(Reading.Coder.of()));
    PAssert.that(strict.output()).containsInAnyOrder(new Reading("a", 1), new Reading("k", 3));
    PAssert.that(BadRecordsFile.summaries(strict.failures()))
        .containsInAnyOrder(
            "1 parse: missing required field \"sensor\"",
            "2 parse: missing required fields \"sensor\", \"value\"");

    // What Jackson alone does with @JsonProperty(required = true) on a field: nothing.
    WithFailures.Result<PCollection<Reading>, DeadLetter> lenient =
        input.apply("JacksonOnly", ParseJson.of(Reading.class).withCoder(Reading.Coder.of()));
    PAssert.that(lenient.output())
        .containsInAnyOrder(
            new Reading("a", 1), new Reading(null, 2), new Reading(null, 0), new Reading(null, 3));
    p.run();
  }

  @Test
  public void eventTimeFromNumbersAndOtherFormats() {
    WithFailures.Result<PCollection<SensorReading>, DeadLetter> result =
        input(
                keyed(0, "s", "{\"ts\":\"x\",\"value\":1,\"at\":1709294400123}"),
                keyed(1, "s", "{\"ts\":\"y\",\"value\":2,\"at\":\"1709294400.5\"}"),
                keyed(2, "s", "{\"ts\":\"z\",\"value\":3}"),
                keyed(3, "s", "{\"ts\":\"z\",\"value\":4,\"at\":null}"))
            .apply(
                ParseJson.of(SensorReading.class)
                    .withKeyField("sensor")
                    .withEventTime("at", EventTimeParser.auto()));
    PAssert.that(result.output().apply(Reify.timestamps()))
        .containsInAnyOrder(
            TimestampedValue.of(new SensorReading("s", "x", 1), new Instant(1_709_294_400_123L)),
            TimestampedValue.of(new SensorReading("s", "y", 2), new Instant(1_709_294_400_500L)));
    PAssert.that(BadRecordsFile.summaries(result.failures()))
        .containsInAnyOrder(
            "2 event-time: event time field \"at\" is missing", "3 event-time: event time is null");
    p.run();
  }

  /** A source's extractor names the field and the parser once: the stamps are the times it reads. */
  @Test
  public void eventTimeFromTheSourcesExtractorIsTheTimeItReads() throws Exception {
    EventTimeExtractor sourceTime = EventTimeExtractor.field("at", EventTimeParser.of(TimeFormat.ISO_LOCAL));
    RawRecord record = keyed(0, "s", "{\"ts\":\"x\",\"value\":1,\"at\":\"2024-03-01T12:00:00.25\"}");
    Instant read = sourceTime.extract(record.value());
    WithFailures.Result<PCollection<SensorReading>, DeadLetter> result =
        input(record, keyed(1, "s", "{\"ts\":\"2024-03-01T12:00:00\",\"value\":2}"))
            .apply(ParseJson.of(SensorReading.class).withKeyField("sensor").withEventTime(sourceTime));
    PAssert.that(result.output().apply(Reify.timestamps()))
        .containsInAnyOrder(TimestampedValue.of(new SensorReading("s", "x", 1), read));
    PAssert.that(BadRecordsFile.summaries(result.failures()))
        .containsInAnyOrder("1 event-time: event time field \"at\" is missing");
    p.run();
  }

  @Test
  public void eventTimeBeforeTheInputTimestampIsDeadLetteredUnlessASkewIsAllowed() {
    RawRecord record = keyed(9, "s", "{\"ts\":\"2024-03-01T12:00:00\",\"value\":1}");
    Instant arrival = Instant.parse("2024-03-01T12:00:30Z");
    PCollection<RawRecord> input =
        p.apply(
            Create.timestamped(List.of(TimestampedValue.of(record, arrival)))
                .withCoder(RawRecord.Coder.of()));
    ParseJson<SensorReading> parse =
        ParseJson.of(SensorReading.class)
            .withKeyField("sensor")
            .withEventTime("ts", EventTimeParser.of(TimeFormat.ISO_LOCAL));

    WithFailures.Result<PCollection<SensorReading>, DeadLetter> strict =
        input.apply("NoSkew", parse);
    PAssert.that(strict.output()).empty();
    PAssert.that(BadRecordsFile.summaries(strict.failures()))
        .containsInAnyOrder(
            "9 event-time: event time 2024-03-01T12:00:00.000Z is earlier than the element's"
                + " timestamp 2024-03-01T12:00:30.000Z by more than the allowed skew of 0 ms; let"
                + " the source assign event time (e.g. a Kafka timestamp policy) or allow a skew");

    WithFailures.Result<PCollection<SensorReading>, DeadLetter> skewed =
        input.apply("MinuteSkew", parse.withAllowedTimestampSkew(Duration.standardMinutes(1)));
    PAssert.that(skewed.output().apply(Reify.timestamps()))
        .containsInAnyOrder(
            TimestampedValue.of(
                new SensorReading("s", "2024-03-01T12:00:00", 1),
                Instant.parse("2024-03-01T12:00:00Z")));
    PAssert.that(skewed.failures()).empty();
    p.run();
  }

  @Test
  public void eventTimesFarAheadOfTheWallClockAreDeadLetteredAsOutOfRange() {
    // Input elements stamped at the beginning of time, so no event time is "too early".
    PCollection<RawRecord> input =
        p.apply(
            Create.of(
                    List.of(
                        keyed(0, "s", "{\"ts\":\"2024-03-01T12:00:00\",\"value\":1}"),
                        keyed(1, "s", "{\"ts\":\"9999-12-31T23:59:59\",\"value\":2}"),
                        keyed(2, "s", "{\"ts\":\"1970-01-01T00:00:00\",\"value\":3}")))
                .withCoder(RawRecord.Coder.of()));
    WithFailures.Result<PCollection<SensorReading>, DeadLetter> result =
        input.apply(
            ParseJson.of(SensorReading.class)
                .withKeyField("sensor")
                .withEventTime("ts", EventTimeParser.of(TimeFormat.ISO_LOCAL))
                .withMaxFutureSkew(Duration.standardHours(1)));
    PAssert.that(result.output())
        .containsInAnyOrder(
            new SensorReading("s", "2024-03-01T12:00:00", 1),
            new SensorReading("s", "1970-01-01T00:00:00", 3));
    PAssert.that(BadRecordsFile.summaries(result.failures()))
        .containsInAnyOrder(
            "1 event-time-out-of-range: event time 9999-12-31T23:59:59.000Z is more than 3600000 ms"
                + " ahead of the wall clock");
    p.run();
  }

  @Test
  public void stringsAndBytesAreParsedThroughJsonRecords() {
    PCollection<SensorReading> fromStrings =
        p.apply("Strings", Create.of("{\"sensor\":\"a\",\"ts\":\"t\",\"value\":1.5}"))
            .apply("WrapStrings", JsonRecords.fromStrings())
            .apply("ParseStrings", ParseJson.of(SensorReading.class))
            .output();
    PCollection<DeadLetter> badBytes =
        p.apply("Bytes", Create.of(List.of(new byte[] {'{', (byte) 0xff, '}'})))
            .apply("WrapBytes", JsonRecords.fromBytes())
            .apply("ParseBytes", ParseJson.of(SensorReading.class))
            .failures();
    PAssert.that(fromStrings).containsInAnyOrder(new SensorReading("a", "t", 1.5));
    PAssert.that(BadRecordsFile.originals(badBytes))
        .containsInAnyOrder(RawRecord.of(new byte[] {'{', (byte) 0xff, '}'}));
    p.run();
  }

  @Test
  public void outputCoderIsTheGivenOneOrInferredFromTheType() {
    PCollection<RawRecord> input = input(keyed(0, null, "{\"sensor\":\"a\",\"value\":1}"));
    Reading.Coder given = Reading.Coder.of();
    PCollection<Reading> withCoder =
        input.apply("Given", ParseJson.of(Reading.class).withCoder(given)).output();
    PCollection<SensorReading> inferred =
        input.apply("Inferred", ParseJson.of(SensorReading.class)).output();
    assertThat(withCoder.getCoder(), is(given));
    assertThat(inferred.getCoder(), instanceOf(SensorReading.Coder.class));
    p.run();
  }

  /** A POJO: Jackson binds fields and ignores {@code required} on them. */
  public static final class Reading {
    @JsonProperty(required = true)
    public @Nullable String sensor;

    @JsonProperty(required = true)
    public double value;

    public Reading() {}

    Reading(@Nullable String sensor, double value) {
      this.sensor = sensor;
      this.value = value;
    }

    @Override
    public boolean equals(@Nullable Object o) {
      return o instanceof Reading
          && Objects.equals(sensor, ((Reading) o).sensor)
          && value == ((Reading) o).value;
    }

    @Override
    public int hashCode() {
      return Objects.hash(sensor, value);
    }

    @Override
    public String toString() {
      return "Reading{" + sensor + ", " + value + "}";
    }

    /** Deterministic coder for the POJO. */
    public static final class Coder extends AtomicCoder<Reading> {
      private static final NullableCoder<String> STRING = NullableCoder.of(StringUtf8Coder.of());

      public static Coder of() {
        return new Coder();
      }

      @Override
      public void encode(Reading r, OutputStream out) throws IOException {
        STRING.encode(r.sensor, out);
        DoubleCoder.of().encode(r.value, out);
      }

      @Override
      public Reading decode(InputStream in) throws IOException {
        return new Reading(STRING.decode(in), DoubleCoder.of().decode(in));
      }
    }
  }
}
