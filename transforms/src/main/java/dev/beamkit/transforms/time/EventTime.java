package dev.beamkit.transforms.time;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.beamkit.transforms.BeamkitMetrics;
import dev.beamkit.transforms.DeadLetter;
import dev.beamkit.transforms.ElementPayload;
import dev.beamkit.transforms.RawRecord;
import java.util.Objects;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * Gives already-typed records their event time: each element is re-emitted with the timestamp
 * parsed from one of its fields by an {@link EventTimeParser}.
 *
 * <pre>{@code
 * WithFailures.Result<PCollection<Event>, DeadLetter> timed =
 *     events.apply(EventTime.of(Event::timestamp).withParser(EventTimeParser.of(TimeFormat.SQL)));
 * }</pre>
 *
 * <p>An element whose time cannot be parsed (or whose field getter throws) becomes a {@link
 * DeadLetter} of step {@value #STEP}. Its payload is the element serialized as JSON by Jackson
 * (or its {@code toString()} if Jackson cannot serialize it), and its coordinates are unknown,
 * because a typed element no longer knows where it came from. To keep the original bytes and the
 * topic, partition and offset, parse the time while parsing the JSON with {@link
 * ParseJson#withEventTime}.
 *
 * <p>Beam rejects an output timestamp earlier than the input element's timestamp minus the
 * DoFn's allowed skew (zero by default). Such elements become dead letters here instead of
 * failing the bundle; if the source stamps elements with processing time, allow a skew with
 * {@link #withAllowedTimestampSkew}.
 */
public final class EventTime<T>
    extends PTransform<PCollection<T>, WithFailures.Result<PCollection<T>, DeadLetter>> {
  private static final long serialVersionUID = 1L;

  /** The {@link DeadLetter#step()} of records whose event time is rejected. */
  public static final String STEP = "event-time";

  private final SerializableFunction<T, ?> field;
  private final EventTimeParser parser;
  private final Duration allowedSkew;

  private EventTime(SerializableFunction<T, ?> field, EventTimeParser parser, Duration skew) {
    this.field = Objects.requireNonNull(field, "field");
    this.parser = Objects.requireNonNull(parser, "parser");
    this.allowedSkew = Objects.requireNonNull(skew, "skew");
  }

  /**
   * Event time from the value {@code field} returns (a String, Number, JsonNode or instant, see
   * {@link EventTimeParser#parse}), parsed with {@link EventTimeParser#auto()} unless {@link
   * #withParser} says otherwise.
   */
  public static <T> EventTime<T> of(SerializableFunction<T, ?> field) {
    return new EventTime<>(field, EventTimeParser.auto(), Duration.ZERO);
  }

  /** The same transform parsing with {@code parser}. */
  public EventTime<T> withParser(EventTimeParser parser) {
    return new EventTime<>(field, parser, allowedSkew);
  }

  /**
   * The same transform accepting event times up to {@code skew} earlier than the input element's
   * timestamp; see the class documentation.
   */
  public EventTime<T> withAllowedTimestampSkew(Duration skew) {
    return new EventTime<>(field, parser, skew);
  }

  /** Applies the timestamping step; the output keeps the input's coder. */
  @Override
  public WithFailures.Result<PCollection<T>, DeadLetter> expand(PCollection<T> input) {
    TupleTag<T> timed = new TupleTag<T>() {};
    TupleTag<DeadLetter> failed = new TupleTag<DeadLetter>() {};
    PCollectionTuple outputs =
        input.apply(
            "AssignEventTime",
            ParDo.of(new AssignFn<>(field, parser, allowedSkew, timed, failed))
                .withOutputTags(timed, TupleTagList.of(failed)));
    outputs.get(timed).setCoder(input.getCoder());
    outputs.get(failed).setCoder(DeadLetter.Coder.of());
    return WithFailures.Result.of(outputs, timed, failed);
  }

  private static final class AssignFn<T> extends EventTimeStampingFn<T, T> {
    private static final long serialVersionUID = 1L;

    private final SerializableFunction<T, ?> field;
    private final EventTimeParser parser;
    private final TupleTag<T> timed;
    private final TupleTag<DeadLetter> failed;
    private final Counter deadLettered =
        Metrics.counter(BeamkitMetrics.NAMESPACE, BeamkitMetrics.DEAD_LETTERED);
    private transient @Nullable ObjectMapper json;

    AssignFn(
        SerializableFunction<T, ?> field,
        EventTimeParser parser,
        Duration allowedSkew,
        TupleTag<T> timed,
        TupleTag<DeadLetter> failed) {
      super(allowedSkew);
      this.field = field;
      this.parser = parser;
      this.timed = timed;
      this.failed = failed;
    }

    @Setup
    public void setup() {
      json = JsonMapper.builder().build();
    }

    @ProcessElement
    public void process(
        @Element T element, @Timestamp Instant inputTimestamp, MultiOutputReceiver out) {
      long millis;
      String error;
      String errorType;
      try {
        millis = parser.parseMillis(field.apply(element));
        error = tooEarly(millis, inputTimestamp);
        errorType = TOO_EARLY;
      } catch (EventTimeException | RuntimeException e) {
        millis = 0;
        error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        errorType = e.getClass().getName();
      }
      if (error != null) {
        deadLettered.inc();
        out.get(failed).output(DeadLetter.of(RawRecord.of(ElementPayload.of(json, element)), STEP, error, errorType));
        return;
      }
      out.get(timed).outputWithTimestamp(element, new Instant(millis));
    }
  }
}
