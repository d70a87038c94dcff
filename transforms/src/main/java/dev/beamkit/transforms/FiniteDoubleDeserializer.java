package dev.beamkit.transforms;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.deser.std.NumberDeserializers;
import java.io.IOException;

/**
 * Jackson's {@code double}/{@code Double} reading, refusing numbers that overflow to infinity
 * ({@code 1e400}): Jackson turns them into {@code Infinity} without a word, and one such reading
 * makes a window's max and mean infinite, which JSON cannot even write. ({@code NaN} and {@code
 * Infinity} tokens are not JSON and the parser refuses them already.)
 */
final class FiniteDoubleDeserializer extends NumberDeserializers.DoubleDeserializer {
  private static final long serialVersionUID = 1L;

  FiniteDoubleDeserializer(Class<Double> type, Double nullValue) {
    super(type, nullValue);
  }

  @Override
  public Double deserialize(JsonParser json, DeserializationContext context) throws IOException {
    Double value = super.deserialize(json, context);
    if (value != null && !Double.isFinite(value)) {
      return (Double) context.handleWeirdNumberValue(_valueClass, value, "not a finite number");
    }
    return value;
  }
}
