package dev.beamkit.clusters;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Polls a daemon until a check passes, failing early when the daemon's JVM exits and late when time
 * runs out; either failure names the last check result and shows the log tail.
 */
final class Readiness {

  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

  /** One look at the daemon: returns normally when ready, throws with the reason otherwise. */
  @FunctionalInterface
  interface Check {
    void verify() throws Exception;
  }

  private Readiness() {}

  /**
   * Runs {@code check} every 250 ms until it passes.
   *
   * @param what the daemon's name for messages, e.g. "Flink cluster"
   * @throws ClusterStartException if {@code process} exits or {@code timeout} passes first
   */
  static void await(String what, Process process, Path log, Duration timeout, Check check) {
    long deadline = System.nanoTime() + timeout.toNanos();
    String lastProblem = "not checked yet";
    while (true) {
      if (!process.isAlive()) {
        throw new ClusterStartException(
            what
                + " (pid "
                + process.pid()
                + ") exited with code "
                + process.exitValue()
                + " before it was ready\n"
                + LogTail.of(log));
      }
      try {
        check.verify();
        return;
      } catch (Exception notReady) {
        lastProblem = notReady.toString();
      }
      if (System.nanoTime() > deadline) {
        throw new ClusterStartException(
            what
                + " (pid "
                + process.pid()
                + ") not ready after "
                + timeout.toSeconds()
                + " s; last check: "
                + lastProblem
                + "\n"
                + LogTail.of(log));
      }
      try {
        Thread.sleep(POLL_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ClusterStartException("interrupted while waiting for " + what, e);
      }
    }
  }
}
