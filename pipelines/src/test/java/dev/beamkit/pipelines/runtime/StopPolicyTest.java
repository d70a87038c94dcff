package dev.beamkit.pipelines.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricResults;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link StopPolicy#cancel} against results that behave as the runners do when stopped: a cancel
 * that never returns (Spark's graceful stop waiting for its job generator), one that rethrows the
 * interruption of the batch it stopped, one that really fails, and a job that has ended.
 */
class StopPolicyTest {
  /** A running job whose {@code cancel()} does what {@code onCancel} does. */
  private static final class Job implements PipelineResult {
    private final State state;
    private final Runnable onCancel;
    final AtomicInteger cancels = new AtomicInteger();

    Job(State state, Runnable onCancel) {
      this.state = state;
      this.onCancel = onCancel;
    }

    @Override
    public State getState() {
      return state;
    }

    @Override
    public State cancel() throws IOException {
      cancels.incrementAndGet();
      onCancel.run();
      return State.CANCELLED;
    }

    @Override
    public State waitUntilFinish(org.joda.time.Duration duration) {
      return state;
    }

    @Override
    public State waitUntilFinish() {
      return state;
    }

    @Override
    public MetricResults metrics() {
      throw new UnsupportedOperationException();
    }
  }

  @Test
  @Timeout(60) // without the deadline the cancel would block this test for ever
  void aCancelThatNeverReturnsIsGivenUpAtTheDeadline() {
    CountDownLatch never = new CountDownLatch(1);
    Job hanging = new Job(PipelineResult.State.RUNNING, () -> awaitQuietly(never));
    long started = System.nanoTime();
    assertFalse(StopPolicy.cancel(hanging, Duration.ofMillis(300)));
    long tookMillis = (System.nanoTime() - started) / 1_000_000;
    assertTrue(tookMillis >= 300 && tookMillis < 10_000, "gave up after " + tookMillis + " ms");
    never.countDown();
  }

  @Test
  void theInterruptionOfTheBatchTheStopCutShortIsNotAnError() {
    Job spark =
        new Job(
            PipelineResult.State.RUNNING,
            () -> {
              throw new RuntimeException("Failed to create partitions", new InterruptedException());
            });
    assertTrue(StopPolicy.cancel(spark, Duration.ofSeconds(30)));
    assertEquals(1, spark.cancels.get());
  }

  @Test
  void aCancelThatFailsForAReasonOfItsOwnIsReported() {
    Job broken =
        new Job(
            PipelineResult.State.RUNNING,
            () -> {
              throw new IllegalStateException("cluster unreachable");
            });
    IllegalStateException failure = assertThrows(IllegalStateException.class, () -> StopPolicy.cancel(broken, Duration.ofSeconds(30)));
    assertEquals("cluster unreachable", failure.getMessage());
  }

  @Test
  void aJobThatHasEndedIsNotCancelled() {
    Job done = new Job(PipelineResult.State.DONE, () -> {});
    assertTrue(StopPolicy.cancel(done, Duration.ofSeconds(30)));
    assertEquals(0, done.cancels.get());
  }

  private static void awaitQuietly(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
