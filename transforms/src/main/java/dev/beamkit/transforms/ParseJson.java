package dev.beamkit.transforms;

import dev.beamkit.transforms.time.EventTime;
import dev.beamkit.transforms.time.EventTimeExtractor;
import dev.beamkit.transforms.time.EventTimeParser;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.CannotProvideCoderException;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.schemas.NoSuchSchemaException;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableBiFunction;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/**
 * Parses the JSON object in each {@link RawRecord}'s value into a {@code T} (a Java record or a
 * POJO) with Jackson, sending every record that cannot be used to a {@link DeadLetter} output
 * instead of failing the pipeline.
 *
 * <pre>{@code
 * WithFailures.Result<PCollection<SensorReading>, DeadLetter> parsed =
 *     records.apply(
 *         ParseJson.of(SensorReading.class)
 *             .withKeyField("sensor")
 *             .withEventTime("ts", EventTimeParser.of(TimeFormat.ISO_LOCAL)));
 * parsed.failures().apply(deadLetterSink);
 * }</pre>
 *
 * <p>Rejected with step {@value #STEP}, each as a dead letter holding the original record (bytes,
 * key, topic, partition, offset) and the reason: a null value; bytes that are not well-formed
 * UTF-8; empty, malformed or truncated JSON, or content after it; JSON that is not an object;
 * duplicate keys; a missing required field; a value of the wrong type. The mapping is strict
 * (see {@code ParseJsonMapper}): no coercion of {@code "42"} to a number or of numbers to
 * strings, no null or absence for primitives, and every creator property, which includes every
 * record component, must be present. Unknown fields are ignored. With {@link #withEventTime}, a
 * time that cannot be parsed is rejected with step {@value EventTime#STEP}.
 *
 * <p>Counts accepted records in {@link BeamkitMetrics#PARSED} and rejected ones in {@link
 * BeamkitMetrics#DEAD_LETTERED}.
 */
public final class ParseJson<T>
    extends PTransform<PCollection<RawRecord>, WithFailures.Result<PCollection<T>, DeadLetter>> {
  private static final long serialVersionUID = 1L;

  /** The {@link DeadLetter#step()} of records that cannot be parsed. */
  public static final String STEP = "parse";

  /** The {@link DeadLetter#step()} of records whose event time is too far in the future. */
  public static final String OUT_OF_RANGE_STEP = "event-time-out-of-range";

  private final Class<T> type;
  private final @Nullable String keyField;
  private final List<String> requiredFields;
  private final @Nullable String eventTimeField;
  private final @Nullable EventTimeParser eventTimeParser;
  private final Duration allowedSkew;
  private final @Nullable Duration maxFutureSkew;
  private final @Nullable Coder<T> coder;

  private ParseJson(
      Class<T> type,
      @Nullable String keyField,
      List<String> requiredFields,
      @Nullable String eventTimeField,
      @Nullable EventTimeParser eventTimeParser,
      Duration allowedSkew,
      @Nullable Duration maxFutureSkew,
      @Nullable Coder<T> coder) {
    this.type = Objects.requireNonNull(type, "type");
    this.keyField = keyField;
    this.requiredFields = List.copyOf(requiredFields);
    this.eventTimeField = eventTimeField;
    this.eventTimeParser = eventTimeParser;
    this.allowedSkew = Objects.requireNonNull(allowedSkew, "allowedSkew");
    this.maxFutureSkew = maxFutureSkew;
    this.coder = coder;
  }

  /** Parses values into {@code type}; elements keep their input timestamps. */
  public static <T> ParseJson<T> of(Class<T> type) {
    return new ParseJson<>(type, null, List.of(), null, null, Duration.ZERO, null, null);
  }

  /**
   * The same transform putting the record key, decoded as UTF-8, into the JSON object under
   * {@code name} when the object has no such field or it is null; a value in the payload wins.
   * Records without a key are left as they are. For sources that carry an id in the message key,
   * such as a sensor id in a Kafka key. A key that is not valid UTF-8 rejects the record.
   */
  public ParseJson<T> withKeyField(String name) {
    return new ParseJson<>(
        type,
        Objects.requireNonNull(name, "name"),
        requiredFields,
        eventTimeField,
        eventTimeParser,
        allowedSkew,
        maxFutureSkew,
        coder);
  }

  /**
   * The same transform emitting each element with the timestamp parsed by {@code parser} from
   * top-level field {@code field} of the JSON object (after key injection). Records whose time is
   * missing or cannot be parsed become dead letters of step {@value EventTime#STEP}, with their
   * original bytes and coordinates.
   */
  public ParseJson<T> withEventTime(String field, EventTimeParser parser) {
    return new ParseJson<>(
        type,
        keyField,
        requiredFields,
        Objects.requireNonNull(field, "field"),
        Objects.requireNonNull(parser, "parser"),
        allowedSkew,
        maxFutureSkew,
        coder);
  }

  /**
   * The same transform reading the event time as {@code sourceTime} does: its field and its
   * parser. Give it the extractor the source's watermark reads (e.g. a Kafka timestamp policy's),
   * so that element timestamps and the watermark come from one definition and cannot disagree.
   */
  public ParseJson<T> withEventTime(EventTimeExtractor sourceTime) {
    return withEventTime(sourceTime.fieldName(), sourceTime.parser());
  }

  /**
   * The same transform accepting event times up to {@code skew} earlier than the input element's
   * timestamp (default zero). Beam forbids moving an element further back in time; records that
   * would need to are dead-lettered with step {@value EventTime#STEP}. Only needed when the source
   * stamps elements with something later than event time, such as processing time.
   */
  public ParseJson<T> withAllowedTimestampSkew(Duration skew) {
    return new ParseJson<>(
        type,
        keyField,
        requiredFields,
        eventTimeField,
        eventTimeParser,
        Objects.requireNonNull(skew, "skew"),
        maxFutureSkew,
        coder);
  }

  /**
   * The same transform rejecting, with step {@value #OUT_OF_RANGE_STEP}, records whose event time
   * lies more than {@code skew} after the wall clock where the step runs. Such a time is a broken
   * clock or a typo (year 9999), not a reading from the future: let through, it would push its
   * partition's watermark ahead and make every later record too late. Default: no limit.
   */
  public ParseJson<T> withMaxFutureSkew(Duration skew) {
    return new ParseJson<>(
        type,
        keyField,
        requiredFields,
        eventTimeField,
        eventTimeParser,
        allowedSkew,
        Objects.requireNonNull(skew, "skew"),
        coder);
  }

  /**
   * The same transform rejecting objects in which any of {@code names} (top-level fields, checked
   * after key injection) is absent or null. Needed for POJOs, whose {@code @JsonProperty(required
   * = true)} Jackson does not enforce; record components are required anyway.
   */
  public ParseJson<T> withRequiredFields(String... names) {
    return new ParseJson<>(
        type,
        keyField,
        Arrays.asList(names),
        eventTimeField,
        eventTimeParser,
        allowedSkew,
        maxFutureSkew,
        coder);
  }

  /** The same transform with {@code coder} for its output, instead of the registry's choice. */
  public ParseJson<T> withCoder(Coder<T> coder) {
    return new ParseJson<>(
        type,
        keyField,
        requiredFields,
        eventTimeField,
        eventTimeParser,
        allowedSkew,
        maxFutureSkew,
        Objects.requireNonNull(coder, "coder"));
  }

  /**
   * Applies the parsing step. Without {@link #withCoder}, the output coder is inferred from
   * {@code T} by the pipeline's schema and coder registries.
   *
   * @throws IllegalStateException if no coder is given and none can be inferred
   */
  @Override
  public WithFailures.Result<PCollection<T>, DeadLetter> expand(PCollection<RawRecord> input) {
    return parse(input, (record, value) -> value, coder != null ? coder : inferCoder(input.getPipeline()));
  }

  /**
   * The same parsing, each value paired with the record it was parsed from, for a later step
   * that may still reject it (e.g. as too late) and must dead-letter the original bytes with
   * their coordinates.
   */
  public KeepingOriginals keepingOriginals() {
    return new KeepingOriginals();
  }

  /** The transform returned by {@link #keepingOriginals()}. */
  public final class KeepingOriginals
      extends PTransform<
          PCollection<RawRecord>, WithFailures.Result<PCollection<KV<RawRecord, T>>, DeadLetter>> {
    private KeepingOriginals() {}

    @Override
    public WithFailures.Result<PCollection<KV<RawRecord, T>>, DeadLetter> expand(
        PCollection<RawRecord> input) {
      Coder<T> valueCoder = coder != null ? coder : inferCoder(input.getPipeline());
      return parse(input, KV::of, KvCoder.of(RawRecord.Coder.of(), valueCoder));
    }
  }

  private <OutputT> WithFailures.Result<PCollection<OutputT>, DeadLetter> parse(
      PCollection<RawRecord> input,
      SerializableBiFunction<RawRecord, T, OutputT> emit,
      Coder<OutputT> outputCoder) {
    TupleTag<OutputT> parsed = new TupleTag<OutputT>() {};
    TupleTag<DeadLetter> failed = new TupleTag<DeadLetter>() {};
    PCollectionTuple outputs =
        input.apply(
            "ParseJson",
            ParDo.of(
                    new ParseJsonFn<>(
                        type,
                        keyField,
                        requiredFields,
                        eventTimeField,
                        eventTimeParser,
                        allowedSkew,
                        maxFutureSkew,
                        emit,
                        parsed,
                        failed))
                .withOutputTags(parsed, TupleTagList.of(failed)));
    outputs.get(parsed).setCoder(outputCoder);
    outputs.get(failed).setCoder(DeadLetter.Coder.of());
    return WithFailures.Result.of(outputs, parsed, failed);
  }

  /**
   * Schema coder first, then the coder registry, as Beam's own inference would. Done here rather
   * than with {@code setTypeDescriptor}: Beam infers an output's coder when the ParDo is applied,
   * while the type is still the type variable, and {@code getCoder()} on the output would report
   * that failure until a later step re-infers it.
   */
  private Coder<T> inferCoder(Pipeline pipeline) {
    try {
      return pipeline.getSchemaRegistry().getSchemaCoder(type);
    } catch (NoSuchSchemaException e) {
      // not a schema type; try the coder registry
    }
    try {
      return pipeline.getCoderRegistry().getCoder(TypeDescriptor.of(type));
    } catch (CannotProvideCoderException e) {
      throw new IllegalStateException(
          "ParseJson cannot infer a coder for "
              + type.getName()
              + "; annotate it with @DefaultCoder or @DefaultSchema, or use withCoder",
          e);
    }
  }
}
