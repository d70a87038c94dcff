package dev.beamkit.localstack;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;

/** The few Flink REST calls a job submission needs: upload a jar, run it, wait for the job. */
final class FlinkRest {

  private static final HttpClient CLIENT = HttpClient.newHttpClient();

  private final URI base;

  FlinkRest(URI base) {
    this.base = base;
  }

  /** A jar holding the class files of {@code classes}, as compiled into the test classes. */
  static byte[] jarOf(Class<?>... classes) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (JarOutputStream jar = new JarOutputStream(bytes)) {
      for (Class<?> type : classes) {
        String entry = type.getName().replace('.', '/') + ".class";
        try (InputStream in = type.getClassLoader().getResourceAsStream(entry)) {
          jar.putNextEntry(new JarEntry(entry));
          in.transferTo(jar);
          jar.closeEntry();
        }
      }
    }
    return bytes.toByteArray();
  }

  /** POST /jars/upload; returns the jar id the run call takes. */
  String upload(String fileName, byte[] jar) throws Exception {
    String boundary = "beamkit-" + UUID.randomUUID();
    ByteArrayOutputStream body = new ByteArrayOutputStream();
    body.write(
        ("--" + boundary + "\r\n"
                + "Content-Disposition: form-data; name=\"jarfile\"; filename=\"" + fileName + "\"\r\n"
                + "Content-Type: application/x-java-archive\r\n\r\n")
            .getBytes(StandardCharsets.UTF_8));
    body.write(jar);
    body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("jars/upload"))
            .header("Content-Type", "multipart/form-data; boundary=" + boundary)
            .POST(HttpRequest.BodyPublishers.ofByteArray(body.toByteArray()))
            .build();
    String stored = send(request).path("filename").asText();
    return Path.of(stored).getFileName().toString();
  }

  /** POST /jars/{id}/run; returns the job id. */
  String run(String jarId, String entryClass, int parallelism) throws Exception {
    String json =
        "{\"entryClass\":\"" + entryClass + "\",\"parallelism\":" + parallelism + "}";
    HttpRequest request =
        HttpRequest.newBuilder(base.resolve("jars/" + jarId + "/run"))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    return send(request).path("jobid").asText();
  }

  /** Polls GET /jobs/{id} until the job reaches a terminal state; returns its last document. */
  JsonNode awaitTerminal(String jobId, Duration timeout) throws Exception {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      JsonNode job = HttpJson.get(base.resolve("jobs/" + jobId));
      String state = job.path("state").asText();
      if (state.equals("FINISHED") || state.equals("FAILED") || state.equals("CANCELED")) {
        return job;
      }
      if (System.nanoTime() > deadline) {
        throw new AssertionError("job " + jobId + " still " + state + " after " + timeout);
      }
      Thread.sleep(250);
    }
  }

  private static JsonNode send(HttpRequest request) throws Exception {
    HttpResponse<String> response = CLIENT.send(request, HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError(
          request.method() + " " + request.uri() + " answered " + response.statusCode() + ": "
              + response.body());
    }
    return HttpJson.parse(response.body());
  }
}
