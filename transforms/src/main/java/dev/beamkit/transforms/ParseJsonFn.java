package dev.beamkit.transforms;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.beamkit.transforms.time.EventTime;
import dev.beamkit.transforms.time.EventTimeException;
import dev.beamkit.transforms.time.EventTimeParser;
import dev.beamkit.transforms.time.EventTimeStampingFn;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.SerializableBiFunction;
import org.apache.beam.sdk.values.TupleTag;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;
import org.joda.time.Instant;

/**
 * The DoFn behind {@link ParseJson}: strict UTF-8 (plain ASCII parsed from the bytes as they
 * are), a JSON object tree, key injection, required fields, Jackson binding, then the event time.
 * Any failure of the input becomes a dead letter; only the outputs themselves happen outside the
 * failure handling, so an exception thrown by a fused downstream step is never mistaken for bad
 * input.
 */
final class ParseJsonFn<T, OutputT> extends EventTimeStampingFn<RawRecord, OutputT> {
  private static final long serialVersionUID = 1L;

  private final Class<T> type;
  private final @Nullable String keyField;
  private final List<String> requiredFields;
  private final @Nullable String eventTimeField;
  private final @Nullable EventTimeParser eventTimeParser;
  private final @Nullable Duration maxFutureSkew;
  private final SerializableBiFunction<RawRecord, T, OutputT> emit;
  private final TupleTag<OutputT> parsedTag;
  private final TupleTag<DeadLetter> failedTag;

  private final Counter parsed = Metrics.counter(BeamkitMetrics.NAMESPACE, BeamkitMetrics.PARSED);
  private final Counter deadLettered =
      Metrics.counter(BeamkitMetrics.NAMESPACE, BeamkitMetrics.DEAD_LETTERED);

  private transient DecodeText.@Nullable StrictUtf8 utf8;
  private transient @Nullable ObjectReader treeReader;
  private transient @Nullable ObjectReader valueReader;

  ParseJsonFn(
      Class<T> type,
      @Nullable String keyField,
      List<String> requiredFields,
      @Nullable String eventTimeField,
      @Nullable EventTimeParser eventTimeParser,
      Duration allowedSkew,
      @Nullable Duration maxFutureSkew,
      SerializableBiFunction<RawRecord, T, OutputT> emit,
      TupleTag<OutputT> parsedTag,
      TupleTag<DeadLetter> failedTag) {
    super(allowedSkew);
    this.type = type;
    this.keyField = keyField;
    this.requiredFields = List.copyOf(requiredFields);
    this.eventTimeField = eventTimeField;
    this.eventTimeParser = eventTimeParser;
    this.maxFutureSkew = maxFutureSkew;
    this.emit = emit;
    this.parsedTag = parsedTag;
    this.failedTag = failedTag;
  }

  @Setup
  public void setup() {
    utf8 = new DecodeText.StrictUtf8();
    ObjectMapper mapper = ParseJsonMapper.strict();
    treeReader = mapper.reader();
    valueReader = mapper.readerFor(type);
  }

  @ProcessElement
  public void process(
      @Element RawRecord record, @Timestamp Instant inputTimestamp, MultiOutputReceiver out) {
    T value;
    long eventMillis = 0;
    try {
      ObjectNode object = readObject(record);
      value = bind(object);
      if (eventTimeField != null) {
        eventMillis = eventMillis(object, eventTimeField, inputTimestamp);
      }
    } catch (Rejection rejection) {
      deadLettered.inc();
      out.get(failedTag).output(rejection.toDeadLetter(record));
      return;
    }
    parsed.inc();
    if (eventTimeField != null) {
      out.get(parsedTag).outputWithTimestamp(emit.apply(record, value), new Instant(eventMillis));
    } else {
      out.get(parsedTag).output(emit.apply(record, value));
    }
  }

  private ObjectNode readObject(RawRecord record) throws Rejection {
    byte[] bytes = record.value();
    if (bytes == null) {
      throw new Rejection(ParseJson.STEP, "record value is null", "null-value");
    }
    JsonNode tree;
    try {
      // Plain ASCII is parsed from the bytes: no String per record. Anything else is decoded
      // strictly first, as Jackson's own UTF-8 reader accepts malformed sequences.
      tree =
          DecodeText.StrictUtf8.isAsciiWithoutNul(bytes)
              ? treeReader.readTree(bytes)
              : treeReader.readTree(utf8.decode(bytes));
    } catch (DecodeText.InvalidUtf8Exception e) {
      throw new Rejection(ParseJson.STEP, e);
    } catch (JsonProcessingException e) {
      throw new Rejection(ParseJson.STEP, describe(e), e.getClass().getName());
    } catch (IOException e) {
      // Jackson's byte readers report a bad encoding as CharConversionException: bad input too.
      throw new Rejection(ParseJson.STEP, e);
    }
    if (!(tree instanceof ObjectNode)) {
      String actual = tree.isMissingNode() ? "empty input" : tree.getNodeType().name();
      throw new Rejection(
          ParseJson.STEP, "expected a JSON object but got " + actual, "not-an-object");
    }
    ObjectNode object = (ObjectNode) tree;
    injectKey(record, object);
    List<String> missing = null;
    for (String field : requiredFields) {
      JsonNode node = object.get(field);
      if (node == null || node.isNull()) {
        missing = missing == null ? new ArrayList<>() : missing;
        missing.add('"' + field + '"');
      }
    }
    if (missing != null) {
      throw new Rejection(
          ParseJson.STEP,
          (missing.size() == 1 ? "missing required field " : "missing required fields ")
              + String.join(", ", missing),
          "missing-required-field");
    }
    return object;
  }

  /** Puts the record key under {@link #keyField} when the object has no value there. */
  private void injectKey(RawRecord record, ObjectNode object) throws Rejection {
    byte[] key = record.key();
    if (keyField == null || key == null) {
      return;
    }
    JsonNode present = object.get(keyField);
    if (present != null && !present.isNull()) {
      return;
    }
    try {
      object.put(keyField, utf8.decode(key));
    } catch (DecodeText.InvalidUtf8Exception e) {
      throw new Rejection(
          ParseJson.STEP, "record key is not valid UTF-8: " + e.getMessage(), e.getClass().getName());
    }
  }

  private T bind(ObjectNode object) throws Rejection {
    try {
      return valueReader.readValue(object);
    } catch (JsonProcessingException e) {
      throw new Rejection(ParseJson.STEP, describe(e), e.getClass().getName());
    } catch (IOException | RuntimeException e) {
      // e.g. a constructor of T rejecting a value; bad input all the same.
      throw new Rejection(ParseJson.STEP, e);
    }
  }

  private long eventMillis(ObjectNode object, String field, Instant inputTimestamp)
      throws Rejection {
    JsonNode node = object.get(field);
    long millis;
    try {
      if (node == null) {
        throw new EventTimeException("event time field \"" + field + "\" is missing");
      }
      millis = eventTimeParser.parseMillis(node);
    } catch (EventTimeException e) {
      throw new Rejection(EventTime.STEP, e);
    }
    String tooEarly = tooEarly(millis, inputTimestamp);
    if (tooEarly != null) {
      throw new Rejection(EventTime.STEP, tooEarly, TOO_EARLY);
    }
    if (maxFutureSkew != null && millis - System.currentTimeMillis() > maxFutureSkew.getMillis()) {
      throw new Rejection(
          ParseJson.OUT_OF_RANGE_STEP,
          "event time "
              + new Instant(millis)
              + " is more than "
              + maxFutureSkew.getMillis()
              + " ms ahead of the wall clock",
          "event-time-out-of-range");
    }
    return millis;
  }

  /**
   * Jackson's message without the location suffix it appends, plus the field path for binding
   * errors or the line and column for syntax errors.
   */
  private static String describe(JsonProcessingException e) {
    if (e instanceof JsonMappingException && !((JsonMappingException) e).getPath().isEmpty()) {
      StringBuilder path = new StringBuilder();
      for (JsonMappingException.Reference ref : ((JsonMappingException) e).getPath()) {
        if (ref.getFieldName() != null) {
          path.append(path.length() == 0 ? "" : ".").append(ref.getFieldName());
        } else {
          path.append('[').append(ref.getIndex()).append(']');
        }
      }
      return e.getOriginalMessage() + " (field " + path + ")";
    }
    JsonLocation at = e.getLocation();
    if (at == null || at.getLineNr() < 0) {
      return e.getOriginalMessage();
    }
    return e.getOriginalMessage() + " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
  }

  /**
   * Why a record is rejected; thrown only inside {@link #process} and turned into a dead letter
   * there. Without a stack trace: it is routing, not a bug report.
   */
  private static final class Rejection extends Exception {
    private static final long serialVersionUID = 1L;

    private final String step;
    private final String errorMessage;
    private final String errorType;

    Rejection(String step, String errorMessage, String errorType) {
      super(errorMessage, null, false, false);
      this.step = step;
      this.errorMessage = errorMessage;
      this.errorType = errorType;
    }

    Rejection(String step, Throwable cause) {
      this(
          step,
          cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage(),
          cause.getClass().getName());
    }

    DeadLetter toDeadLetter(RawRecord record) {
      return DeadLetter.of(record, step, errorMessage, errorType);
    }
  }
}
