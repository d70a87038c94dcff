package dev.beamkit.benchmarks.harness;

import dev.beamkit.benchmarks.RunContext;
import dev.beamkit.pipelines.runtime.JvmFlags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs one implementation in a fresh JVM ({@link RunOne}) with this JVM's classpath, so its peak
 * heap and RSS are its own and no engine's leftovers (threads, caches, JIT state) affect the next.
 */
public final class ChildJvm {
  private final List<String> jvmArgs;

  /** Child JVMs started with {@code jvmArgs} (heap size, say) plus the project's --add-opens. */
  public ChildJvm(List<String> jvmArgs) {
    this.jvmArgs = List.copyOf(jvmArgs);
  }

  /**
   * Runs {@code impl} in {@code context}, the child's output going to {@code log}.
   *
   * @throws IllegalStateException if the child fails or outlives the run's timeout by a minute
   */
  public Measurement run(String impl, RunContext context, Path log, Path result)
      throws IOException, InterruptedException {
    Files.deleteIfExists(result);
    int exit =
        execute(impl, RunOne.class, RunOne.args(impl, context, result), log, ProcessBuilder.Redirect.appendTo(log.toFile()), context.timeout());
    if (exit != 0 || !Files.exists(result)) {
      throw new IllegalStateException(impl + " failed with exit code " + exit + "; see " + log);
    }
    return JsonFiles.read(result, Measurement.class);
  }

  /**
   * Runs {@code main} with {@code args} in a child JVM whose standard output shows on this JVM's
   * (a soak's line per minute) and whose errors (the engine's log) go to {@code log}.
   *
   * @return the child's exit code
   * @throws IllegalStateException if the child outlives {@code timeout} by a minute
   */
  public int runShowingOutput(String name, Class<?> main, List<String> args, Path log, Duration timeout)
      throws IOException, InterruptedException {
    return execute(name, main, args, log, ProcessBuilder.Redirect.INHERIT, timeout);
  }

  private int execute(
      String name, Class<?> main, List<String> args, Path log, ProcessBuilder.Redirect stdout, Duration timeout)
      throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(jvmArgs);
    command.addAll(JvmFlags.addOpens());
    // Timestamps in the child's log, so a slow phase of a run can be found afterwards.
    command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
    command.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(main.getName());
    command.addAll(args);
    Files.writeString(log, String.join(" ", command) + System.lineSeparator());
    Process child =
        new ProcessBuilder(command)
            .redirectOutput(stdout)
            .redirectError(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    // Ctrl-C on the harness must not leave a busy child JVM behind.
    Thread stopChild = new Thread(child::destroyForcibly, "stop-" + name);
    Runtime.getRuntime().addShutdownHook(stopChild);
    try {
      if (!child.waitFor(timeout.toSeconds() + 60, TimeUnit.SECONDS)) {
        child.destroyForcibly().waitFor();
        throw new IllegalStateException(name + " timed out; see " + log);
      }
    } finally {
      Runtime.getRuntime().removeShutdownHook(stopChild);
    }
    return child.exitValue();
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
