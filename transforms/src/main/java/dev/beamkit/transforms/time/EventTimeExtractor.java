package dev.beamkit.transforms.time;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import dev.beamkit.transforms.ParseJson;
import java.io.IOException;
import java.io.Serializable;
import java.math.BigDecimal;
import java.util.Objects;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Instant;

/**
 * Reads the event time of a JSON object payload from one top-level field, e.g. {@code ts} in
 * {@code {"ts":"2024-03-01T12:00:00.123456","value":42}}.
 *
 * <p>Built to be called per message by a source's timestamp policy, before any parsing: it
 * streams over the bytes with a Jackson {@link JsonParser}, skips other fields without building
 * them, and stops at the wanted field, so the rest of the payload is neither read nor validated
 * (that is {@link ParseJson}'s job). When a field occurs twice, the first one counts here;
 * {@link ParseJson} rejects such payloads.
 */
public final class EventTimeExtractor implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Thread-safe and immutable once built; shared by all extractors. */
  private static final JsonFactory JSON =
      JsonFactory.builder().disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION).build();

  private final String fieldName;
  private final EventTimeParser parser;

  private EventTimeExtractor(String fieldName, EventTimeParser parser) {
    this.fieldName = Objects.requireNonNull(fieldName, "fieldName");
    this.parser = Objects.requireNonNull(parser, "parser");
  }

  /** An extractor reading top-level field {@code fieldName} with {@code parser}. */
  public static EventTimeExtractor field(String fieldName, EventTimeParser parser) {
    return new EventTimeExtractor(fieldName, parser);
  }

  /** The top-level field this extractor reads. */
  public String fieldName() {
    return fieldName;
  }

  /** The parser applied to the field's value. */
  public EventTimeParser parser() {
    return parser;
  }

  /**
   * The event time in {@code jsonValue}.
   *
   * @throws EventTimeException if the payload is null, not JSON, not an object, lacks the field
   *     (or the object ends early), or the field's value cannot be parsed
   */
  public Instant extract(byte @Nullable [] jsonValue) throws EventTimeException {
    return new Instant(extractMillis(jsonValue));
  }

  /** Like {@link #extract} but returns epoch milliseconds. */
  public long extractMillis(byte @Nullable [] jsonValue) throws EventTimeException {
    if (jsonValue == null) {
      throw new EventTimeException("cannot read event time: the payload is null");
    }
    try (JsonParser json = JSON.createParser(jsonValue)) {
      JsonToken first = json.nextToken();
      if (first != JsonToken.START_OBJECT) {
        throw new EventTimeException(
            "cannot read event time: expected a JSON object but got "
                + (first == null ? "empty input" : first.name()));
      }
      String name;
      while ((name = json.nextFieldName()) != null) {
        JsonToken token = json.nextToken();
        if (fieldName.equals(name)) {
          return parseValue(json, token);
        }
        json.skipChildren();
      }
      throw new EventTimeException("cannot read event time: field \"" + fieldName + "\" is missing");
    } catch (JsonProcessingException e) {
      throw new EventTimeException("cannot read event time: " + describe(e), e);
    } catch (IOException e) {
      throw new EventTimeException("cannot read event time: " + e.getMessage(), e);
    }
  }

  private long parseValue(JsonParser json, JsonToken token)
      throws IOException, EventTimeException {
    switch (token) {
      case VALUE_STRING:
        return parser.millisFromText(json.getText());
      case VALUE_NUMBER_INT:
        if (json.getNumberType() == JsonParser.NumberType.BIG_INTEGER) {
          BigDecimal big = json.getDecimalValue();
          return parser.millisFromDecimal(big, big);
        }
        long number = json.getLongValue();
        return parser.millisFromNumber(number, number);
      case VALUE_NUMBER_FLOAT:
        // The decimal is read from the text, so fractions of a second are exact.
        BigDecimal decimal = json.getDecimalValue();
        return parser.millisFromDecimal(decimal, decimal);
      case VALUE_NULL:
        throw new EventTimeException("event time field \"" + fieldName + "\" is null");
      default:
        throw new EventTimeException(
            "event time field \""
                + fieldName
                + "\" must be a string or number but is "
                + token.name());
    }
  }

  private static String describe(JsonProcessingException e) {
    JsonLocation at = e.getLocation();
    return e.getOriginalMessage()
        + (at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")");
  }

  @Override
  public String toString() {
    return "EventTimeExtractor{field=" + fieldName + ", " + parser + "}";
  }
}
