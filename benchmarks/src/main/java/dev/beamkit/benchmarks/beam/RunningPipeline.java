package dev.beamkit.benchmarks.beam;

import dev.beamkit.pipelines.runtime.StopPolicy;
import java.time.Duration;
import java.util.concurrent.TimeoutException;
import java.util.function.LongSupplier;
import org.apache.beam.sdk.PipelineResult;

/**
 * A started Beam pipeline watched until its output is complete. Streaming pipelines never end by
 * themselves (an unbounded Kafka read, Spark's micro-batches), so the run is over once the expected
 * number of results has been written; then the pipeline is cancelled.
 */
final class RunningPipeline {
  private static final long POLL_MILLIS = 10;
  private static final Duration STOP_DEADLINE = Duration.ofMinutes(2);

  private final PipelineResult result;

  RunningPipeline(PipelineResult result) {
    this.result = result;
  }

  /** Whether the pipeline has not yet ended (finished, failed or cancelled). */
  boolean running() {
    return !state().isTerminal();
  }

  /**
   * The pipeline's state. Flink's local ({@code [local]}) detached run shuts its per-job
   * MiniCluster down as soon as the job ends, after which the result can no longer be asked and
   * throws "MiniCluster is not yet running or has already been shut down" (seen when a bounded
   * memory-mode run finished between two polls); the job has ended then, and whether everything
   * was written is checked by counting the results.
   */
  private PipelineResult.State state() {
    try {
      return result.getState();
    } catch (IllegalStateException clusterGone) {
      return PipelineResult.State.DONE;
    }
  }

  /**
   * Waits until {@code written} reaches {@code expected} or the pipeline ends.
   *
   * @throws IllegalStateException if the pipeline ended without writing everything (with its
   *     failure as the cause, if it failed)
   * @throws TimeoutException if {@code deadline} (epoch millis) passes first
   */
  void awaitResults(LongSupplier written, long expected, long deadline) throws Exception {
    while (written.getAsLong() < expected) {
      if (!running()) {
        requireComplete(written.getAsLong(), expected);
        return;
      }
      if (System.currentTimeMillis() > deadline) {
        throw new TimeoutException(written.getAsLong() + " of " + expected + " results at the deadline");
      }
      Thread.sleep(POLL_MILLIS);
    }
  }

  /**
   * Throws unless {@code seen} equals {@code expected}; a pipeline that has ended is asked for its
   * failure first.
   */
  void requireComplete(long seen, long expected) {
    if (seen >= expected) {
      return;
    }
    PipelineResult.State state = state();
    if (state == PipelineResult.State.FAILED) {
      try {
        result.waitUntilFinish();
      } catch (RuntimeException failure) {
        throw new IllegalStateException("pipeline failed after " + seen + " of " + expected + " results", failure);
      }
    }
    throw new IllegalStateException("pipeline " + state + " after " + seen + " of " + expected + " results");
  }

  /**
   * Cancels the pipeline unless it has ended already, through the launcher's {@link StopPolicy}:
   * an error of the cancellation itself (Spark's interrupted micro-batch) is not the run's, and
   * on a failure path the first error is the one to report. The next run may start a runner in
   * this JVM, so a cancel that does not finish within {@link #STOP_DEADLINE} fails.
   */
  void stop() {
    if (running() && !StopPolicy.cancel(result, STOP_DEADLINE)) {
      throw new IllegalStateException("the pipeline did not stop within " + STOP_DEADLINE);
    }
  }
}
