package dev.beamkit.clusters;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;

/**
 * Polls a daemon until a check passes, failing early when the daemon's JVM exits and late when time
 * runs out; either failure names the last check result and shows the log tail.
 */
final class Readiness {

  private static final Duration POLL_INTERVAL = Duration.ofMillis(250);

  /**
   * What the JVM prints when main() throws. Flink's and Spark's daemons keep non-daemon threads,
   * so the JVM may live on, useless, after its main thread died; this line gives that away.
   */
  private static final String MAIN_DIED = "Exception in thread \"main\"";

  /** One look at the daemon: returns normally when ready, throws with the reason otherwise. */
  @FunctionalInterface
  interface Check {
    void verify() throws Exception;
  }

  private Readiness() {}

  private static boolean mainThreadDied(Path log) {
    try {
      return LogTail.currentRun(log).stream().anyMatch(line -> line.startsWith(MAIN_DIED));
    } catch (IOException e) {
      return false; // unreadable now; the process and readiness checks still decide
    }
  }

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
      if (mainThreadDied(log)) {
        throw new ClusterStartException(
            what + " (pid " + process.pid() + ") failed: its main thread died\n" + LogTail.of(log));
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
