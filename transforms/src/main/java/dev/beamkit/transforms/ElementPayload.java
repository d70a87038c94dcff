package dev.beamkit.transforms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;

/**
 * The payload of a dead letter for an element that is already typed (no longer the bytes it was
 * read from): the element as JSON, or its {@code toString()} when Jackson cannot serialize it.
 */
public final class ElementPayload {
  private ElementPayload() {}

  public static byte[] of(ObjectMapper json, Object element) {
    try {
      return json.writeValueAsBytes(element);
    } catch (JsonProcessingException | RuntimeException e) {
      // The dead letter must still say which element failed.
      return String.valueOf(element).getBytes(StandardCharsets.UTF_8);
    }
  }
}
