package dev.beamkit.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A pipeline run the way {@code bin/beamkit run} runs it: {@code dev.beamkit.pipelines.Beamkit run
 * <pipeline> [options]} in a JVM of its own, on the job classpath the build writes (the pipelines,
 * Beam, both runners), with this JVM's {@code --add-opens} flags, stdout and stderr in a log file.
 * Closing it stops it as Ctrl-C would (SIGTERM: the launcher's shutdown hook prints the counters
 * and cancels the job).
 */
final class PipelineProcess implements AutoCloseable {
  private final Process process;
  private final Path log;

  private PipelineProcess(Process process, Path log) {
    this.process = process;
    this.log = log;
  }

  /** Starts {@code beamkit run args...} with {@code jvmOptions} and {@code environment} added. */
  static PipelineProcess start(Path log, List<String> jvmOptions, Map<String, String> environment, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    ManagementFactory.getRuntimeMXBean().getInputArguments().stream()
        .filter(a -> a.startsWith("--add-opens"))
        .forEach(command::add);
    command.addAll(jvmOptions);
    command.add("-cp");
    try {
      command.add(Files.readString(Path.of("target/cluster-job.classpath")).trim());
    } catch (IOException e) {
      throw new UncheckedIOException("the Maven build writes target/cluster-job.classpath", e);
    }
    command.add("dev.beamkit.pipelines.Beamkit");
    command.add("run");
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(environment);
    try {
      return new PipelineProcess(builder.start(), log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  long pid() {
    return process.pid();
  }

  boolean isAlive() {
    return process.isAlive();
  }

  /** Everything the process printed so far. */
  String output() {
    try {
      return Files.readString(log);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() throws InterruptedException {
    process.destroy();
    if (!process.waitFor(90, TimeUnit.SECONDS)) {
      process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    }
  }
}
