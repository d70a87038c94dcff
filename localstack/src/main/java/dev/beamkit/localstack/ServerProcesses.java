package dev.beamkit.localstack;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The processes of one server of the stack and how the server ends: what {@code close()} of every
 * server does. {@link #close()} stops the processes in the reverse order of their launch (a Spark
 * Worker before its Master), each with its descendants, then runs the server's cleanup (e.g.
 * deleting a temporary directory). Unless the server must outlive this JVM, a shutdown hook
 * closes it from the moment it is created, so even a start interrupted by Ctrl-C leaves nothing
 * behind.
 */
final class ServerProcesses implements AutoCloseable {

  private final String name;
  private final Duration grace;
  private final Runnable cleanup;
  private final List<Process> processes = new ArrayList<>();
  private final StopOnJvmExit stopOnJvmExit;
  private boolean closed;

  /**
   * @param name the server's name for messages and the hook's thread, e.g. "Kafka broker"
   * @param grace how long each process gets between SIGTERM and SIGKILL
   * @param cleanup what to do once every process is gone
   * @param stopOnJvmExit whether a JVM shutdown hook closes the server
   */
  ServerProcesses(String name, Duration grace, Runnable cleanup, boolean stopOnJvmExit) {
    this.name = name;
    this.grace = grace;
    this.cleanup = cleanup;
    this.stopOnJvmExit = stopOnJvmExit ? StopOnJvmExit.register(name, this) : null;
  }

  /** Adds a process that was just launched for this server, and returns it. */
  synchronized Process launched(Process process) {
    processes.add(process);
    return process;
  }

  /**
   * Stops the processes (SIGTERM, SIGKILL after the grace period) and runs the cleanup. Calling
   * it again does nothing.
   *
   * @throws IllegalStateException if a process could not be stopped; the cleanup is then skipped
   */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    if (stopOnJvmExit != null) {
      stopOnJvmExit.cancel();
    }
    List<Long> survivors = new ArrayList<>();
    for (int i = processes.size() - 1; i >= 0; i--) {
      if (!ProcessTree.stop(processes.get(i), grace)) {
        survivors.add(processes.get(i).pid());
      }
    }
    if (!survivors.isEmpty()) {
      throw new IllegalStateException(name + " did not exit, pids " + survivors);
    }
    cleanup.run();
  }
}
