package dev.beamkit.benchmarks.beam;

import dev.beamkit.pipelines.runtime.RunningJob;
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

  private final RunningJob job;

  RunningPipeline(RunningJob job) {
    this.job = job;
  }

  /**
   * Whether the pipeline has not yet ended (finished, failed or cancelled). A job whose runner
   * can no longer be asked has ended; whether everything was written is checked by counting the
   * results.
   */
  boolean running() {
    return !job.ended();
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
    PipelineResult.State state = job.state();
    if (state == PipelineResult.State.FAILED) {
      try {
        job.waitUntilFinish();
      } catch (RuntimeException failure) {
        throw new IllegalStateException("pipeline failed after " + seen + " of " + expected + " results", failure);
      }
    }
    throw new IllegalStateException("pipeline " + state + " after " + seen + " of " + expected + " results");
  }

  /**
   * Cancels the pipeline unless it has ended already ({@link RunningJob#stop}): an error of the
   * cancellation itself (Spark's interrupted micro-batch) is not the run's, and on a failure path
   * the first error is the one to report. The next run may start a runner in this JVM, so a
   * cancel that does not finish within {@link #STOP_DEADLINE} fails.
   */
  void stop() {
    if (running() && !job.stop(STOP_DEADLINE)) {
      throw new IllegalStateException("the pipeline did not stop within " + STOP_DEADLINE);
    }
  }
}
