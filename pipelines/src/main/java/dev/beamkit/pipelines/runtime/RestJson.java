package dev.beamkit.pipelines.runtime;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

/** Reads the JSON a cluster's REST API answers (Flink's REST API, the Spark master's status). */
public final class RestJson {
  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static final ObjectMapper MAPPER = new ObjectMapper();

  private RestJson() {}

  /**
   * GETs {@code uri} and parses the answer.
   *
   * @throws IllegalStateException naming the address, when it cannot be read or answers other than 2xx
   */
  public static JsonNode get(URI uri) {
    return send(HttpRequest.newBuilder(uri).GET().build());
  }

  /**
   * POSTs {@code body} as JSON to {@code uri} and parses the answer.
   *
   * @throws IllegalStateException naming the address, when it cannot be read or answers other than 2xx
   */
  public static JsonNode post(URI uri, JsonNode body) {
    return send(
        HttpRequest.newBuilder(uri)
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
            .build());
  }

  private static JsonNode send(HttpRequest request) {
    URI uri = request.uri();
    try {
      HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
      if (response.statusCode() / 100 != 2) {
        throw new IllegalStateException(uri + " answered " + response.statusCode() + ": " + response.body());
      }
      return MAPPER.readTree(response.body());
    } catch (IOException e) {
      // A refused connection's exception has no message; its kind says what happened.
      throw new IllegalStateException("cannot read " + uri + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading " + uri, e);
    }
  }
}
