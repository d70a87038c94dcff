package dev.beamkit.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.List;

/** Starts server processes with their output in a log file, and tells whether one still runs. */
final class Processes {

  private Processes() {}

  /**
   * Starts {@code process} with stdout and stderr appended to {@code log}, after a line starting
   * with {@link LogTail#RUN_HEADER} that gives the time and {@code shownCommand} (the command as
   * people should read it: a JVM's classpath is too long to be useful). Its stdin is closed at
   * once: servers do not read it, and an open pipe would tie the child to this JVM.
   */
  static Process start(ProcessBuilder process, List<String> shownCommand, Path log) {
    List<String> command = process.command();
    try {
      Files.createDirectories(log.toAbsolutePath().getParent());
      Files.writeString(
          log,
          LogTail.RUN_HEADER + Instant.now() + " " + String.join(" ", shownCommand) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      Process started =
          process
              .redirectErrorStream(true)
              .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
              .start();
      started.getOutputStream().close();
      return started;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + command.get(0), e);
    }
  }

  /**
   * Whether {@code process} is alive and not a zombie. A server started by an earlier CLI run is
   * not our child: after it exits it stays a zombie until init reaps it, which can take seconds,
   * and {@link ProcessHandle#isAlive()} counts zombies as alive.
   */
  static boolean isRunning(ProcessHandle process) {
    if (!process.isAlive()) {
      return false;
    }
    // Our own children are reaped by the JVM, which turns isAlive() false promptly; calling one
    // of them gone while it is still a zombie would let a caller see it "alive" afterwards.
    boolean ourChild =
        process.parent().map(p -> p.pid() == ProcessHandle.current().pid()).orElse(false);
    return ourChild || !isZombie(process.pid());
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
