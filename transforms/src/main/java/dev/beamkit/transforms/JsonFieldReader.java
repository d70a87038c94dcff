package dev.beamkit.transforms;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads one field of a {@link RawRecord}'s JSON object value, for transforms that look at a
 * field without binding the whole record ({@link Filter}, {@link Dedupe}). Decoding is as strict
 * as {@link ParseJson}'s (strict UTF-8, duplicate keys rejected), so a record such a transform
 * lets through is one {@link ParseJson} would read the same way.
 *
 * <p>Not thread-safe: one per DoFn instance, made in {@code @Setup}.
 */
final class JsonFieldReader {
  private final DecodeText.StrictUtf8 utf8 = new DecodeText.StrictUtf8();
  private final ObjectReader treeReader = ParseJsonMapper.strict().reader();

  /**
   * The value at {@code path} (field names separated by dots, e.g. {@code user.id}) in the
   * record's JSON object; never null, a JSON {@code null} is returned as a null node.
   *
   * @throws UnreadableFieldException if the value is null, not UTF-8, not a JSON object, or has
   *     no such field
   */
  JsonNode read(RawRecord record, String path) throws UnreadableFieldException {
    byte[] bytes = record.value();
    if (bytes == null) {
      throw new UnreadableFieldException("record value is null");
    }
    JsonNode node;
    try {
      node = treeReader.readTree(utf8.decode(bytes));
    } catch (DecodeText.InvalidUtf8Exception e) {
      throw new UnreadableFieldException(e.getMessage());
    } catch (JsonProcessingException e) {
      throw new UnreadableFieldException("not JSON: " + e.getOriginalMessage());
    }
    if (!(node instanceof ObjectNode)) {
      throw new UnreadableFieldException(
          "expected a JSON object but got " + (node.isMissingNode() ? "empty input" : node.getNodeType()));
    }
    for (String name : path.split("\\.", -1)) {
      JsonNode child = node.isObject() ? node.get(name) : null;
      if (child == null) {
        throw new UnreadableFieldException("field \"" + path + "\" is missing");
      }
      node = child;
    }
    return node;
  }

  /** Why a field could not be read; the message says it in one line, for a dead letter. */
  static final class UnreadableFieldException extends Exception {
    private static final long serialVersionUID = 1L;

    UnreadableFieldException(String message) {
      super(message, null, false, false);
    }
  }
}
