package dev.beamkit.localstack;

import java.io.IOException;
import java.util.concurrent.TimeUnit;

/**
 * Freezes a server process (SIGSTOP) and thaws it (SIGCONT): for fault tests, a broker or Redis
 * that stops answering without closing a single socket, as a long GC pause, a stalled VM or a
 * network partition looks to its clients. Closing the returned handle thaws the process, so a
 * failing test never leaves a frozen server behind.
 *
 * <pre>{@code
 * try (ProcessFreeze frozen = ProcessFreeze.of(broker.pid())) {
 *   Thread.sleep(20_000);
 * }
 * }</pre>
 */
public final class ProcessFreeze implements AutoCloseable {
  private final long pid;
  private boolean frozen;

  private ProcessFreeze(long pid) {
    this.pid = pid;
  }

  /** Sends SIGSTOP to {@code pid}. */
  public static ProcessFreeze of(long pid) {
    ProcessFreeze freeze = new ProcessFreeze(pid);
    signal(pid, "STOP");
    freeze.frozen = true;
    return freeze;
  }

  /** Sends SIGCONT; does nothing if already thawed. */
  @Override
  public void close() {
    if (frozen) {
      signal(pid, "CONT");
      frozen = false;
    }
  }

  private static void signal(long pid, String signal) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
      }
    } catch (IOException e) {
      throw new IllegalStateException("could not send SIG" + signal + " to " + pid, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted sending SIG" + signal + " to " + pid, e);
    }
  }
}
