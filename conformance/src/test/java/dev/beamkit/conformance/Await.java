package dev.beamkit.conformance;

import java.time.Duration;
import java.util.function.BooleanSupplier;

/** Bounded waits of the integration tests: a condition polled until it holds or time runs out. */
final class Await {
  /** How long a test waits for a job's results: Flink and Spark take a while to start. */
  static final Duration PATIENCE = Duration.ofSeconds(180);

  private Await() {}

  /** Waits until {@code condition} holds, failing the test with {@code what} after {@code timeout}. */
  static void until(String what, Duration timeout, BooleanSupplier condition) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        throw new AssertionError("timed out after " + timeout + " waiting for " + what);
      }
      Thread.sleep(200);
    }
  }
}
