package dev.beamkit.localstack;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** GETs a JSON status document from a daemon's HTTP endpoint (Flink's REST API, Spark's master UI). */
final class HttpJson {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .connectTimeout(TIMEOUT)
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();

  // Strict: a half-written page or an HTML error page behind a 200 is no status document.
  private static final ObjectMapper MAPPER =
      new ObjectMapper().enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

  private HttpJson() {}

  /**
   * Returns the parsed body of a 200 answer to GET {@code uri}.
   *
   * @throws IOException if the daemon does not answer, answers another status, or not JSON
   */
  static JsonNode get(URI uri) throws IOException {
    HttpRequest request = HttpRequest.newBuilder(uri).timeout(TIMEOUT).GET().build();
    HttpResponse<String> response;
    try {
      response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while calling " + uri, e);
    }
    if (response.statusCode() != 200) {
      throw new IOException("GET " + uri + " answered " + response.statusCode());
    }
    try {
      return parse(response.body());
    } catch (IOException e) {
      throw new IOException("GET " + uri + " did not answer JSON: " + e.getMessage(), e);
    }
  }

  /**
   * Parses one JSON document that makes up the whole of {@code text}.
   *
   * @throws IOException if it is not one well-formed JSON value; the message is one line
   */
  static JsonNode parse(String text) throws IOException {
    try {
      JsonNode document = MAPPER.readTree(text);
      if (document.isMissingNode()) {
        throw new IOException("empty document");
      }
      return document;
    } catch (JacksonException e) {
      throw new IOException(e.getOriginalMessage(), e);
    }
  }

  /**
   * The member {@code name} of {@code object} as a long, failing rather than reading an absent or
   * non-numeric member as 0 (a readiness check must not pass on a changed document).
   */
  static long longMember(JsonNode object, String name) {
    JsonNode value = object.get(name);
    if (value == null || !value.isIntegralNumber()) {
      throw new IllegalArgumentException("JSON member '" + name + "' is not a whole number: " + value);
    }
    return value.asLong();
  }
}
