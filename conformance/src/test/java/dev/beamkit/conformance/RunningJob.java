package dev.beamkit.conformance;

import dev.beamkit.pipelines.BeamkitPipeline;
import dev.beamkit.pipelines.PipelineLauncher;
import dev.beamkit.pipelines.runtime.RunMetrics;
import dev.beamkit.pipelines.runtime.StopPolicy;
import java.time.Duration;
import java.util.function.BooleanSupplier;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * A pipeline started on a {@link RunnerTarget} in streaming mode for an integration test,
 * cancelled when the test closes it. Arguments are the pipeline's own options, as a user would
 * pass them after {@code --config runners-config/<target>.properties}.
 */
public final class RunningJob implements AutoCloseable {
  /** How long a test waits for a job's results: Flink and Spark take a while to start. */
  public static final Duration PATIENCE = Duration.ofSeconds(180);

  private final PipelineOptions options;
  private final PipelineResult result;

  private RunningJob(PipelineOptions options, PipelineResult result) {
    this.options = options;
    this.result = result;
  }

  /** Builds {@code job} from the target's options and {@code args} and starts it. */
  public static RunningJob start(RunnerTarget target, BeamkitPipeline job, String... args) {
    Pipeline pipeline = PipelineLauncher.create(job, target.args(args));
    return new RunningJob(pipeline.getOptions(), target.start(pipeline));
  }

  /** The options the job runs with, its job name among them. */
  public PipelineOptions options() {
    return options;
  }

  /** beamkit's counters as the runner reports them while the job runs. */
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

  /**
   * Cancels {@code result} unless it has ended and waits until the runner's resources are free
   * (the next test may start a runner in the same JVM), through the launcher's {@link
   * StopPolicy}; a cancel that fails for a reason of its own, or takes longer than {@link
   * #PATIENCE}, fails the test.
   */
  static void stop(PipelineResult result) {
    if (!StopPolicy.cancel(result, PATIENCE)) {
      throw new IllegalStateException("the job did not stop within " + PATIENCE);
    }
  }

  @Override
  public void close() {
    stop(result);
  }
}
