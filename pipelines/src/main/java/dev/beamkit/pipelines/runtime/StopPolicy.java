package dev.beamkit.pipelines.runtime;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.beam.sdk.PipelineResult;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * How beamkit stops a running job — the one place for it: the launcher (Ctrl-C, SIGTERM), the
 * demo, the conformance tests and the benchmarks all cancel through {@link #cancel}.
 *
 * <p>A cancel is bounded: it runs on a thread of its own and is waited for at most a deadline,
 * because a runner's cancel can block for minutes (Spark stops its streaming context gracefully
 * for up to ten batch intervals, and its job generator then waits for the batch in flight).
 * Errors the stop itself causes are not the run's: the SparkRunner rethrows from {@code cancel()}
 * the interruption of the micro-batch it was computing ("Failed to create partitions" …
 * InterruptedException), and a job that has already ended cannot be cancelled.
 */
public final class StopPolicy {
  /** How long the launcher lets the runner cancel the job after Ctrl-C or SIGTERM. */
  static final Duration CANCEL_DEADLINE = Duration.ofSeconds(8);

  /**
   * When the launcher's JVM ends at the latest after a Ctrl-C or SIGTERM, whatever still runs:
   * within the 15 s a user may wait, with the cancel's 8 s and time to print before it.
   */
  static final Duration HALT_DEADLINE = Duration.ofSeconds(12);

  /** Exit status of a run stopped by a signal (128 + SIGINT, as shells report Ctrl-C). */
  static final int STOPPED = 130;

  private StopPolicy() {}

  /**
   * Cancels {@code result} unless it has ended, and waits at most {@code deadline} for the runner
   * to finish cancelling.
   *
   * @return whether the cancel finished within the deadline (the runner's resources are free)
   * @throws IllegalStateException when the runner failed to cancel for a reason of its own
   */
  public static boolean cancel(PipelineResult result, Duration deadline) {
    CompletableFuture<Void> cancelled =
        CompletableFuture.runAsync(
            () -> cancelNow(result),
            task -> {
              Thread thread = new Thread(task, "beamkit-cancel");
              thread.setDaemon(true); // a cancel that hangs must not keep the JVM alive
              thread.start();
            });
    try {
      cancelled.get(deadline.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      throw e.getCause() instanceof IllegalStateException stateError
          ? stateError
          : new IllegalStateException("could not cancel the job: " + e.getCause(), e.getCause());
    }
  }

  private static void cancelNow(PipelineResult result) {
    try {
      if (!terminal(result)) {
        result.cancel();
      }
    } catch (UnsupportedOperationException alreadyOver) {
      // The runner cannot cancel (a finished DirectRunner job): nothing left to stop.
    } catch (IOException e) {
      throw new IllegalStateException("could not cancel the job: " + e.getMessage(), e);
    } catch (RuntimeException e) {
      if (!interruptedByTheStop(e)) {
        throw e;
      }
    }
  }

  /**
   * Whether the job has ended. Flink's local run shuts its MiniCluster down when the job ends,
   * after which asking throws ("MiniCluster is not yet running or has already been shut
   * down"): the job has ended then.
   */
  static boolean terminal(PipelineResult result) {
    try {
      return result.getState().isTerminal();
    } catch (IllegalStateException clusterGone) {
      return true;
    }
  }

  private static boolean interruptedByTheStop(Throwable error) {
    for (Throwable t = error; t != null; t = t.getCause()) {
      if (t instanceof InterruptedException) {
        return true;
      }
    }
    return false;
  }

  /**
   * The launcher's stop: installed before the job starts, it makes Ctrl-C or SIGTERM end the JVM
   * within {@link #HALT_DEADLINE}, counters printed. A signal can come before there is a job to
   * cancel: the runner is still starting up (a Flink or Spark start takes seconds).
   */
  public static final class OnSignal {
    private final AtomicReference<@Nullable RunningJob> running = new AtomicReference<>();
    private final AtomicInteger exitStatus = new AtomicInteger(STOPPED);
    private final AtomicBoolean totalsPrinted = new AtomicBoolean();
    private final PrintStream out;
    private volatile Runnable beforeTotals = () -> {};

    private OnSignal(PrintStream out) {
      this.out = out;
    }

    /**
     * Installs the shutdown hook. The JVM runs it on Ctrl-C, SIGTERM or {@code System.exit}, beside
     * the runners' own hooks — Hadoop's ShutdownHookManager (30 s timeouts per hook), Spark's,
     * which stops the SparkContext while its streaming job generator waits for a batch that can
     * no longer run, Flink's MiniCluster's — and waits for all of them; a second signal is
     * ignored while it does. So the hook ends the JVM itself once the counters are printed and
     * the job is cancelled (or the cancel's deadline passed), with {@link Runtime#halt}, which
     * waits for no other hook: nothing those hooks still do changes the job's results. A watchdog
     * halts even if printing or cancelling hangs in a way the deadline cannot catch.
     */
    public static OnSignal install(PrintStream out) {
      OnSignal stop = new OnSignal(out);
      Runtime.getRuntime().addShutdownHook(new Thread(stop::stopAndHalt, "beamkit-stop"));
      return stop;
    }

    /** Runs {@code task} (e.g. ending the status line) just before the totals are printed. */
    public void beforeTotals(Runnable task) {
      beforeTotals = task;
    }

    /** The job the hook cancels and the status line asks, once the runner has handed it out. */
    public void running(RunningJob job) {
      running.set(job);
    }

    public @Nullable RunningJob running() {
      return running.get();
    }

    /** Prints the totals and ends the JVM with {@code status}: the job ended by itself. */
    public void exit(int status) {
      exitStatus.set(status);
      printTotals();
      System.exit(status); // runs the hook, which halts the runners' hooks' waits too
    }

    private void stopAndHalt() {
      Thread watchdog =
          new Thread(
              () -> {
                try {
                  Thread.sleep(HALT_DEADLINE.toMillis());
                } catch (InterruptedException e) {
                  return;
                }
                out.println("beamkit: the runner did not stop within " + HALT_DEADLINE.toSeconds() + " s; ending it");
                out.flush();
                Runtime.getRuntime().halt(exitStatus.get());
              },
              "beamkit-stop-watchdog");
      watchdog.setDaemon(true);
      watchdog.start();
      // Counters first: they are what the user asked the run for, and a cancel may not return.
      printTotals();
      RunningJob job = running.get();
      if (job != null) {
        try {
          if (!job.stop(CANCEL_DEADLINE)) {
            out.println("beamkit: the runner did not cancel the job within " + CANCEL_DEADLINE.toSeconds() + " s; ending it");
          }
        } catch (RuntimeException e) {
          out.println("beamkit: cancelling the job failed: " + e.getMessage());
        }
      }
      out.flush();
      System.err.flush();
      Runtime.getRuntime().halt(exitStatus.get());
    }

    private void printTotals() {
      if (totalsPrinted.compareAndSet(false, true)) {
        beforeTotals.run();
        RunningJob job = running.get();
        if (job == null) {
          out.println("counters: n/a (no job was started)");
        } else {
          job.metrics().print(out);
        }
        out.println(StatusLine.of("totals", job));
        out.flush();
      }
    }
  }
}
