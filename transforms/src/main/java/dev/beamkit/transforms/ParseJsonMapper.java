package dev.beamkit.transforms;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;
import dev.beamkit.transforms.time.EventTimeExtractor;

/**
 * The strict Jackson configuration of {@link ParseJson}: a value of the wrong JSON type is an
 * error rather than something Jackson converts.
 *
 * <p>What Jackson 2.15 does by default, and what is changed here:
 *
 * <ul>
 *   <li>{@code "42"} into a number or boolean is coerced by default; scalar coercion is turned off.
 *       Numbers and booleans into a {@code String} are coerced by default; turned off too.
 *   <li>{@code 1.5} into an {@code int} is truncated by default; now an error.
 *   <li>{@code null} (or absence) for a primitive creator parameter becomes 0 by default; now an
 *       error.
 *   <li>A missing creator property (record component, {@code @JsonCreator} parameter) becomes
 *       null by default; now an error, which makes every record component required. {@code
 *       @JsonProperty(required = true)} is enforced for creator properties only, never for
 *       setters or fields, hence {@link ParseJson#withRequiredFields} for POJOs.
 *   <li>Duplicate keys keep the last value by default; now an error, so the event time read by
 *       {@link EventTimeExtractor} (first occurrence) can never disagree with the parsed record.
 *   <li>Content after the first value is ignored by default; now an error.
 *   <li>Error messages quote the payload by default; turned off, the dead letter keeps it.
 *   <li>A number too large for a {@code double} ({@code 1e400}) becomes {@code Infinity} by
 *       default; now an error ({@link FiniteDoubleDeserializer}).
 *   <li>Unknown fields are ignored (the default fails).
 * </ul>
 *
 * Jackson's own UTF-8 reader accepts overlong forms and encoded surrogates, so {@link ParseJson}
 * decodes bytes strictly before Jackson sees them.
 *
 * <p>Public so that tools outside a pipeline (the sensor chart) read records by the very same
 * rules as the parse step.
 */
public final class ParseJsonMapper {
  private ParseJsonMapper() {}

  /** A new mapper with {@link ParseJson}'s strict settings. */
  public static ObjectMapper strict() {
    return JsonMapper.builder()
        .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
        .withCoercionConfig(
            LogicalType.Textual,
            textual ->
                textual
                    .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                    .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
        .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
        .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
        .enable(DeserializationFeature.FAIL_ON_MISSING_CREATOR_PROPERTIES)
        .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
        .enable(DeserializationFeature.FAIL_ON_NUMBERS_FOR_ENUMS)
        .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
        .disable(StreamReadFeature.INCLUDE_SOURCE_IN_LOCATION)
        .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
        .addModule(
            new SimpleModule("beamkit-finite-numbers")
                .addDeserializer(Double.class, new FiniteDoubleDeserializer(Double.class, null))
                .addDeserializer(double.class, new FiniteDoubleDeserializer(Double.TYPE, 0.0)))
        .build();
  }
}
