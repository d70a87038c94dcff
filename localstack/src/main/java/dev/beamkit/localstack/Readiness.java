package dev.beamkit.localstack;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;

/**
 * Polls a starting server until a check passes, failing early when its process exits and late
 * when time runs out; either failure names the last check result and shows the log.
 */
final class Readiness {

  private static final Duration POLL_INTERVAL = Duration.ofMillis(100);

  /**
   * What a JVM prints when main() throws. Flink's and Spark's daemons keep non-daemon threads, so
   * the JVM may live on, useless, after its main thread died; this line gives that away.
   */
  private static final String MAIN_DIED = "Exception in thread \"main\"";

  /** One look at the server: returns normally when ready, throws with the reason otherwise. */
  @FunctionalInterface
  interface Check {
    void verify() throws Exception;
  }

  private Readiness() {}

  /**
   * Runs {@code check} every 100 ms until it passes.
   *
   * @param what the server's name for messages, e.g. "the Kafka broker"
   * @throws ServerStartException if {@code process} exits or {@code deadline} passes first; the
   *     message ends with what {@link LogTail#explain} shows of {@code log}
   */
  static void await(String what, Process process, Path log, Instant deadline, Check check) {
    String lastProblem = "not checked yet";
    while (true) {
      if (!process.isAlive()) {
        throw failure(
            what + " exited with code " + process.exitValue() + " before it was ready",
            process,
            log);
      }
      if (mainThreadDied(log)) {
        throw failure(what + " failed: its main thread died", process, log);
      }
      try {
        check.verify();
        return;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ServerStartException("interrupted while waiting for " + what, e);
      } catch (Exception notReady) {
        lastProblem = notReady.toString();
      }
      if (Instant.now().isAfter(deadline)) {
        throw failure(what + " was not ready in time; last check: " + lastProblem, process, log);
      }
      try {
        Thread.sleep(POLL_INTERVAL.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new ServerStartException("interrupted while waiting for " + what, e);
      }
    }
  }

  private static ServerStartException failure(String problem, Process process, Path log) {
    return new ServerStartException(
        LogTail.explain(problem + " (pid " + process.pid() + ")", log));
  }

  private static boolean mainThreadDied(Path log) {
    try {
      return LogTail.currentRun(log).stream().anyMatch(line -> line.startsWith(MAIN_DIED));
    } catch (IOException e) {
      return false; // unreadable now; the process and readiness checks still decide
    }
  }
}
