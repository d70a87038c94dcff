package dev.beamkit.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.beam.runners.direct.DirectRunner;

/**
 * A pipeline run through {@code bin/beamkit run <pipeline> [options]}, its JVM flags and
 * environment included, on the job classpath the build writes (the pipelines, Beam, both runners;
 * {@code BEAMKIT_CLASSPATH}) rather than a bundled jar that the script would build, with stdout
 * and stderr in a log file. The script execs java, so the process is the pipeline's JVM. Closing
 * it stops it as Ctrl-C would (SIGTERM: the launcher's shutdown hook prints the counters and
 * cancels the job).
 */
final class PipelineProcess implements AutoCloseable {
  private static final Path BEAMKIT = Path.of("../bin/beamkit").toAbsolutePath().normalize();
  private final Process process;
  private final Path log;

  private PipelineProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /**
   * Starts {@code bin/beamkit run args...} with {@code jvmOptions} (as Spark settings are passed
   * to the driver: {@code JAVA_TOOL_OPTIONS}).
   */
  static PipelineProcess start(Path log, List<String> jvmOptions, String... args) {
    List<String> command = new ArrayList<>(List.of(BEAMKIT.toString(), "run"));
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    Map<String, String> environment = builder.environment();
    // A clean launch: no settings of the shell that runs the tests.
    environment.keySet().removeIf(name -> name.startsWith("SPARK_") || name.startsWith("FLINK_"));
    environment.put("JAVA_HOME", System.getProperty("java.home"));
    environment.put("PATH", Path.of(System.getProperty("java.home"), "bin") + ":" + System.getenv("PATH"));
    environment.remove("JAVA_TOOL_OPTIONS");
    if (!jvmOptions.isEmpty()) {
      environment.put("JAVA_TOOL_OPTIONS", String.join(" ", jvmOptions));
    }
    try {
      environment.put("BEAMKIT_CLASSPATH", Files.readString(Path.of("target/cluster-job.classpath")).trim() + ":" + directRunnerJar());
    } catch (IOException e) {
      throw new UncheckedIOException("the Maven build writes target/cluster-job.classpath", e);
    }
    try {
      return new PipelineProcess(builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The DirectRunner's jar, which the cluster-job classpath leaves out (a cluster job needs no
   * DirectRunner) but a {@code --config runners-config/direct.properties} run needs; its own
   * dependencies are on that classpath already, for the Flink runner's sake.
   */
  private static String directRunnerJar() {
    return DirectRunner.class.getProtectionDomain().getCodeSource().getLocation().getPath();
  }

  /** Sends {@code signal} (e.g. INT for Ctrl-C, TERM) to the pipeline's JVM, as a terminal or {@code kill} would. */
  void signal(String signal) throws IOException, InterruptedException {
    Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).inheritIO().start();
    if (kill.waitFor() != 0) {
      throw new IllegalStateException("kill -" + signal + " " + process.pid() + " failed");
    }
  }

  /** The pipeline's JVM, to wait for its exit and list the processes it started. */
  ProcessHandle handle() {
    return process.toHandle();
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** The exit code, once the process has ended within {@code limit}; fails the test otherwise. */
  int exitCode(Duration limit) throws InterruptedException {
    if (!process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new AssertionError("still running after " + limit + ": " + output());
    }
    return process.exitValue();
  }

  /** Everything the process printed so far. */
  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Kills the pipeline's JVM and everything it started (SIGKILL, as the OOM killer or a lost
   * machine would): no shutdown hook runs, nothing is cancelled or flushed.
   */
  void kill() throws InterruptedException {
    process.descendants().forEach(ProcessHandle::destroyForcibly);
    process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }
}
