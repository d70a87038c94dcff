package dev.beamkit.pipelines;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.apache.beam.sdk.PipelineResult;

/**
 * A pipeline started on the DirectRunner in streaming mode for an integration test, cancelled
 * when the test closes it. Arguments are the pipeline's own options, as a user would pass them.
 */
public final class RunningJob implements AutoCloseable {
  private final PipelineResult result;

  private RunningJob(PipelineResult result) {
    this.result = result;
  }

  public static RunningJob start(BeamkitPipeline job, String... args) {
    List<String> all = new ArrayList<>(List.of("--runner=DirectRunner", "--blockOnRun=false", "--streaming=true"));
    all.addAll(List.of(args));
    return new RunningJob(PipelineLauncher.create(job, all.toArray(new String[0])).run());
  }

  public RunMetrics metrics() {
    return RunMetrics.of(result);
  }

  /** Waits until {@code condition} holds, failing the test with {@code what} after {@code timeout}. */
  public static void await(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      Thread.sleep(200);
    }
  }

  @Override
  public void close() throws IOException {
    result.cancel();
  }
}
