package dev.beamkit.benchmarks.harness;

import dev.beamkit.benchmarks.RunContext;
import dev.beamkit.pipelines.runtime.JvmFlags;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.addAll(jvmArgs);
    command.addAll(JvmFlags.addOpens());
    // Timestamps in the child's log, so a slow phase of a run can be found afterwards.
    command.add("-Dorg.slf4j.simpleLogger.showDateTime=true");
    command.add("-Dorg.slf4j.simpleLogger.dateTimeFormat=HH:mm:ss.SSS");
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add(RunOne.class.getName());
    command.addAll(RunOne.args(impl, context, result));
    Files.writeString(log, String.join(" ", command) + System.lineSeparator());
    Process child =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()))
            .start();
    // Ctrl-C on the harness must not leave a busy child JVM behind.
    Thread stopChild = new Thread(child::destroyForcibly, "stop-" + impl);
    Runtime.getRuntime().addShutdownHook(stopChild);
    try {
      if (!child.waitFor(context.timeout().toSeconds() + 60, TimeUnit.SECONDS)) {
        child.destroyForcibly().waitFor();
        throw new IllegalStateException(impl + " timed out; see " + log);
      }
    } finally {
      Runtime.getRuntime().removeShutdownHook(stopChild);
    }
    if (child.exitValue() != 0 || !Files.exists(result)) {
      throw new IllegalStateException(impl + " failed with exit code " + child.exitValue() + "; see " + log);
    }
    return JsonFiles.read(result, Measurement.class);
  }

  private static String javaExecutable() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }
}
