package dev.beamkit.benchmarks.flink;

import dev.beamkit.benchmarks.ResultLines;
import dev.beamkit.benchmarks.WindowJson;
import dev.beamkit.benchmarks.WindowResult;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * Writes each result as sensor-downsample's JSON to the run's {@link ResultLines}, as beamkit's
 * in-memory runs do. Works only where the job runs in the submitting JVM (a local MiniCluster).
 */
final class ResultLinesSink implements Sink<WindowResult> {
  private static final long serialVersionUID = 1L;

  private final String token;

  ResultLinesSink(ResultLines lines) {
    this.token = lines.token();
  }

  @Override
  @SuppressWarnings("deprecation") // Flink 1.19 still requires this overload to be implemented.
  public SinkWriter<WindowResult> createWriter(InitContext context) {
    ResultLines lines = ResultLines.byToken(token);
    return new SinkWriter<>() {
      @Override
      public void write(WindowResult result, Context context) {
        lines.write(new String(WindowJson.write(result), StandardCharsets.UTF_8));
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }
}
