package dev.beamkit.benchmarks.beam;

import dev.beamkit.benchmarks.ResultLines;
import org.apache.beam.sdk.transforms.DoFn;

/** The in-memory runs' sink: each result's JSON appended to the run's {@link ResultLines}. */
final class WriteResultLines extends DoFn<String, Void> {
  private static final long serialVersionUID = 1L;

  private final String token;
  private transient ResultLines lines;

  WriteResultLines(ResultLines lines) {
    this.token = lines.token();
  }

  @Setup
  public void setup() {
    lines = ResultLines.byToken(token);
  }

  @ProcessElement
  public void process(@Element String json) {
    lines.write(json);
  }
}
