package dev.beamkit.clusters;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Ends a process and everything it started (a Spark Worker's executors, for instance): first
 * politely (SIGTERM, so the JVM runs its shutdown hooks and releases its ports), then for good.
 */
final class ProcessTree {

  /** After SIGKILL a process is gone within milliseconds; this only bounds a pathological wait. */
  private static final Duration KILL_WAIT = Duration.ofSeconds(10);

  private ProcessTree() {}

  /**
   * Terminates {@code root} and its descendants: SIGTERM to the root, up to {@code grace} for the
   * tree to exit, then SIGKILL to whatever is left. Returns once every process is gone.
   *
   * @throws IllegalStateException if a process survives SIGKILL
   */
  static void terminate(ProcessHandle root, Duration grace) {
    List<ProcessHandle> tree = new ArrayList<>();
    root.descendants().forEach(tree::add);
    tree.add(root);
    root.destroy();
    if (!awaitExit(List.of(root), grace)) {
      root.destroyForcibly();
    }
    // Children that the root did not stop on its way out, plus any it started meanwhile.
    root.descendants().forEach(tree::add);
    for (ProcessHandle process : tree) {
      if (process.isAlive()) {
        process.destroyForcibly();
      }
    }
    if (!awaitExit(tree, KILL_WAIT)) {
      throw new IllegalStateException("processes survived SIGKILL: " + alive(tree));
    }
  }

  private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    for (ProcessHandle process : processes) {
      long left = deadline - System.nanoTime();
      try {
        process.onExit().get(Math.max(left, 0), TimeUnit.NANOSECONDS);
      } catch (TimeoutException e) {
        return false;
      } catch (ExecutionException e) {
        throw new IllegalStateException(e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }
    return true;
  }

  private static List<Long> alive(List<ProcessHandle> processes) {
    List<Long> pids = new ArrayList<>();
    for (ProcessHandle process : processes) {
      if (process.isAlive()) {
        pids.add(process.pid());
      }
    }
    return pids;
  }
}
