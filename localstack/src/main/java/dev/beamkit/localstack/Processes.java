package dev.beamkit.localstack;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** Starts server processes with their output in a log file, and stops them politely, then not. */
final class Processes {

  /** How long a process gets after SIGKILL before we give up waiting for it. */
  private static final Duration AFTER_KILL = Duration.ofSeconds(10);

  private Processes() {}

  /**
   * Starts {@code command} in {@code workDir} with stdout and stderr appended to {@code logFile}.
   * Its stdin is closed at once: servers do not read it, and an open pipe would tie the child to
   * this JVM.
   */
  static Process start(List<String> command, Path workDir, Path logFile) {
    try {
      Process process =
          new ProcessBuilder(command)
              .directory(workDir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(logFile.toString())))
              .start();
      process.getOutputStream().close();
      return process;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + command.get(0), e);
    }
  }

  /**
   * Sends SIGTERM, waits up to {@code grace}, then SIGKILL. Returns whether the process is gone.
   * Works for processes that this JVM did not start too (the CLI stops recorded pids).
   */
  static boolean stop(ProcessHandle process, Duration grace) {
    if (!isRunning(process)) {
      return true;
    }
    process.destroy();
    if (awaitExit(process, grace)) {
      return true;
    }
    process.destroyForcibly();
    return awaitExit(process, AFTER_KILL);
  }

  /**
   * Polls rather than using {@code onExit()}: for a process that is not our child (the CLI's
   * stop) the JDK polls with back-off and notices an exit only seconds late.
   */
  private static boolean awaitExit(ProcessHandle process, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (isRunning(process)) {
      if (System.nanoTime() - deadline > 0) {
        return false;
      }
      try {
        Thread.sleep(25);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return !isRunning(process);
      }
    }
    return true;
  }

  /**
   * Whether {@code process} is alive and not a zombie. A server started by an earlier CLI run is
   * not our child: after it exits it stays a zombie until init reaps it, which can take seconds,
   * and {@link ProcessHandle#isAlive()} counts zombies as alive.
   */
  static boolean isRunning(ProcessHandle process) {
    return process.isAlive() && !isZombie(process.pid());
  }

  private static boolean isZombie(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", String.valueOf(pid), "stat"));
      // The state letter follows the command name, which is in parentheses and may hold spaces.
      int afterName = stat.lastIndexOf(')');
      return afterName > 0 && stat.length() > afterName + 2 && stat.charAt(afterName + 2) == 'Z';
    } catch (IOException | RuntimeException noProcFs) {
      return false;
    }
  }
}
