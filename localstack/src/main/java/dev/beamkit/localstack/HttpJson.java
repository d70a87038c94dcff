package dev.beamkit.localstack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** GETs a JSON status document from a daemon's HTTP endpoint. */
final class HttpJson {

  private static final Duration TIMEOUT = Duration.ofSeconds(5);

  private static final HttpClient CLIENT =
      HttpClient.newBuilder()
          .connectTimeout(TIMEOUT)
          .followRedirects(HttpClient.Redirect.NORMAL)
          .build();

  private HttpJson() {}

  /**
   * Returns the parsed body of a 200 answer to GET {@code uri}.
   *
   * @throws IOException if the daemon does not answer, answers another status, or not JSON
   */
  static Object get(URI uri) throws IOException {
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
      return Json.parse(response.body());
    } catch (IllegalArgumentException e) {
      throw new IOException("GET " + uri + " did not answer JSON: " + e.getMessage(), e);
    }
  }
}
