package dev.beamkit.transforms;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Objects;
import org.apache.beam.sdk.coders.BooleanCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.state.StateSpec;
import org.apache.beam.sdk.state.StateSpecs;
import org.apache.beam.sdk.state.TimeDomain;
import org.apache.beam.sdk.state.Timer;
import org.apache.beam.sdk.state.TimerSpec;
import org.apache.beam.sdk.state.TimerSpecs;
import org.apache.beam.sdk.state.ValueState;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Drops repeats of a JSON record's id seen within a time bound, as when a Kafka producer retries
 * a send and the same event arrives twice:
 *
 * <pre>{@code
 * WithFailures.Result<PCollection<RawRecord>, DeadLetter> once =
 *     records.apply(Dedupe.byField("event_id").within(Duration.standardMinutes(10)));
 * once.output().apply(ParseJson.of(Event.class)) ...
 * }</pre>
 *
 * <p>The first record of an id passes unchanged; the id is then remembered until the watermark
 * passes that record's event time plus the bound, when an event-time timer deletes it. Until
 * then every record with the same id is dropped and counted in {@link
 * BeamkitMetrics#DUPLICATES_DROPPED}; after it the id counts as new again. So the bound is in
 * event time, and state holds only the ids of the last bound's worth of data.
 *
 * <p>Apply it before windowing, in the global window: a retry may carry a later timestamp that
 * falls into the next window, and Beam keeps state per window. {@link #expand} rejects other
 * windowing with a one-line {@link IllegalArgumentException}.
 *
 * <p>The id is the text of a string or number field (a dotted path reaches into nested objects;
 * {@code 7} and {@code "7"} are the same id). A record without a usable id (value not a JSON
 * object, field missing, null, an object or an array) is dead-lettered with step {@value #STEP}.
 */
public final class Dedupe
    extends PTransform<PCollection<RawRecord>, WithFailures.Result<PCollection<RawRecord>, DeadLetter>> {
  private static final long serialVersionUID = 1L;

  /** The {@link DeadLetter#step()} of records without a usable id. */
  public static final String STEP = "dedupe";

  private final String idField;
  private final Duration bound;

  private Dedupe(String idField, Duration bound) {
    this.idField = idField;
    this.bound = bound;
  }

  /** Dedupes by the id in {@code idField}, remembered for one minute unless {@link #within}. */
  public static Dedupe byField(String idField) {
    Objects.requireNonNull(idField, "idField");
    if (idField.isBlank()) {
      throw new IllegalArgumentException("Dedupe id field must not be blank");
    }
    return new Dedupe(idField, Duration.standardMinutes(1));
  }

  /** Remembers each id for {@code bound} of event time after its first record. */
  public Dedupe within(Duration bound) {
    Objects.requireNonNull(bound, "bound");
    if (!bound.isLongerThan(Duration.ZERO)) {
      throw new IllegalArgumentException("Dedupe bound must be positive: " + bound);
    }
    return new Dedupe(idField, bound);
  }

  /** The id field. */
  public String idField() {
    return idField;
  }

  /** How long an id is remembered, in event time. */
  public Duration bound() {
    return bound;
  }

  @Override
  public WithFailures.Result<PCollection<RawRecord>, DeadLetter> expand(
      PCollection<RawRecord> input) {
    if (!(input.getWindowingStrategy().getWindowFn() instanceof GlobalWindows)) {
      throw new IllegalArgumentException(
          "Dedupe must be applied before windowing (in the global window), not after "
              + input.getWindowingStrategy().getWindowFn().getClass().getSimpleName());
    }
    TupleTag<KV<String, RawRecord>> withId = new TupleTag<KV<String, RawRecord>>() {};
    TupleTag<DeadLetter> failed = new TupleTag<DeadLetter>() {};
    PCollectionTuple ids =
        input.apply(
            "ReadId",
            ParDo.of(new ReadIdFn(idField, withId, failed))
                .withOutputTags(withId, TupleTagList.of(failed)));
    ids.get(failed).setCoder(DeadLetter.Coder.of());
    PCollection<RawRecord> firsts =
        ids.get(withId)
            .setCoder(KvCoder.of(StringUtf8Coder.of(), RawRecord.Coder.of()))
            .apply("DropRepeats", ParDo.of(new DropRepeatsFn(bound)))
            .setCoder(RawRecord.Coder.of());
    return WithFailures.Result.of(firsts, ids.get(failed));
  }

  private static final class ReadIdFn extends JsonFieldFn<KV<String, RawRecord>> {
    private static final long serialVersionUID = 1L;

    private final String idField;
    private final TupleTag<KV<String, RawRecord>> withId;

    ReadIdFn(String idField, TupleTag<KV<String, RawRecord>> withId, TupleTag<DeadLetter> failed) {
      super(STEP, failed);
      this.idField = idField;
      this.withId = withId;
    }

    @ProcessElement
    public void process(@Element RawRecord record, MultiOutputReceiver out) {
      String error;
      try {
        JsonNode id = reader().read(record, idField);
        if (id.isTextual() || id.isNumber()) {
          out.get(withId).output(KV.of(id.asText(), record));
          return;
        }
        error = "id field \"" + idField + "\" is " + id.getNodeType() + ", not a string or number";
      } catch (JsonFieldReader.UnreadableFieldException e) {
        error = e.getMessage();
      }
      reject(record, error, "no-id", out);
    }
  }

  /** Per id: outputs the first record, then drops repeats until the expiry timer clears it. */
  private static final class DropRepeatsFn extends DoFn<KV<String, RawRecord>, RawRecord> {
    private static final long serialVersionUID = 1L;

    private final Duration bound;
    private final Counter duplicates =
        Metrics.counter(BeamkitMetrics.NAMESPACE, BeamkitMetrics.DUPLICATES_DROPPED);

    @StateId("seen")
    private final StateSpec<ValueState<Boolean>> seenSpec = StateSpecs.value(BooleanCoder.of());

    @TimerId("expiry")
    private final TimerSpec expirySpec = TimerSpecs.timer(TimeDomain.EVENT_TIME);

    DropRepeatsFn(Duration bound) {
      this.bound = bound;
    }

    @ProcessElement
    public void process(
        @Element KV<String, RawRecord> element,
        @Timestamp Instant timestamp,
        @StateId("seen") ValueState<Boolean> seen,
        @TimerId("expiry") Timer expiry,
        OutputReceiver<RawRecord> out) {
      if (seen.read() != null) {
        duplicates.inc();
        return;
      }
      seen.write(true);
      // Absolute: setRelative would count from the input watermark, not from this record's time.
      // No output timestamp, so the timer holds no watermark back.
      expiry.withNoOutputTimestamp().set(timestamp.plus(bound));
      out.output(element.getValue());
    }

    @OnTimer("expiry")
    public void expire(@StateId("seen") ValueState<Boolean> seen) {
      seen.clear();
    }
  }
}
