package dev.beamkit.localstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Stops a server process and everything it started (a Spark Worker's executors, for instance):
 * first politely (SIGTERM, so a JVM runs its shutdown hooks and releases its ports), then for
 * good. Works for processes this JVM did not start too: the CLI stops recorded pids.
 */
final class ProcessTree {

  /** After SIGKILL a process is gone within milliseconds; this only bounds a pathological wait. */
  private static final Duration AFTER_KILL = Duration.ofSeconds(10);

  private ProcessTree() {}

  /**
   * SIGTERM to {@code root}, up to {@code grace} for it to exit, then SIGKILL to it and to every
   * descendant still running. Returns whether the whole tree is gone.
   */
  static boolean stop(ProcessHandle root, Duration grace) {
    if (!Processes.isRunning(root)) {
      return true;
    }
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
      if (Processes.isRunning(process)) {
        process.destroyForcibly();
      }
    }
    return awaitExit(tree, AFTER_KILL);
  }

  /**
   * {@link #stop(ProcessHandle, Duration)} for a child of this JVM; returns once the JDK has also
   * reaped it, so that {@link Process#isAlive()} agrees.
   */
  static boolean stop(Process child, Duration grace) {
    if (!stop(child.toHandle(), grace)) {
      return false;
    }
    try {
      return child.waitFor(AFTER_KILL.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !child.isAlive();
    }
  }

  /**
   * Polls rather than using {@code onExit()}: for a process that is not our child (the CLI's
   * stop) the JDK polls with back-off and notices an exit only seconds late.
   */
  private static boolean awaitExit(List<ProcessHandle> processes, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (processes.stream().anyMatch(Processes::isRunning)) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return processes.stream().noneMatch(Processes::isRunning);
      }
    }
    return true;
  }
}
