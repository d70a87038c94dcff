package dev.beamkit.clusters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a main class in a JVM of its own, with the same Java as this one, stdout and stderr
 * appended to a log file, and the environment this JVM has less the variables a caller drops.
 */
final class JvmLauncher {

  /**
   * Names the main class at the front of the command line: Linux shows a process only the first 4
   * KiB of it (ProcessHandle.Info, ps), which the classpath fills before the main class appears.
   */
  private static final String MARKER = "-Dbeamkit.daemon=";

  private final String mainClass;
  private final List<String> jvmOptions = new ArrayList<>();
  private final List<String> arguments = new ArrayList<>();
  private final Map<String, String> environment = new LinkedHashMap<>();
  private final List<String> droppedEnvironmentPrefixes = new ArrayList<>();
  private String classpath;
  private Path log;

  private JvmLauncher(String mainClass) {
    this.mainClass = mainClass;
  }

  /** A launcher for {@code mainClass}; classpath and log file must be set before {@link #start()}. */
  static JvmLauncher of(String mainClass) {
    return new JvmLauncher(mainClass);
  }

  JvmLauncher classpath(String classpath) {
    this.classpath = classpath;
    return this;
  }

  JvmLauncher jvmOptions(List<String> options) {
    jvmOptions.addAll(options);
    return this;
  }

  JvmLauncher jvmOption(String option) {
    jvmOptions.add(option);
    return this;
  }

  JvmLauncher arguments(String... args) {
    arguments.addAll(List.of(args));
    return this;
  }

  JvmLauncher environment(String name, String value) {
    environment.put(name, value);
    return this;
  }

  /** Drops inherited variables starting with {@code prefix}, so a developer's setup cannot leak in. */
  JvmLauncher dropEnvironment(String prefix) {
    droppedEnvironmentPrefixes.add(prefix);
    return this;
  }

  JvmLauncher log(Path log) {
    this.log = log;
    return this;
  }

  /** The command line {@link #start()} runs. */
  List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add(MARKER + mainClass);
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classpath);
    command.add(mainClass);
    command.addAll(arguments);
    return command;
  }

  /**
   * Starts the JVM. The log first gets a header with the time and the command (classpath elided),
   * then everything the JVM prints.
   */
  Process start() {
    if (classpath == null || log == null) {
      throw new IllegalStateException("classpath and log must be set for " + mainClass);
    }
    List<String> command = command();
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    Map<String, String> env = builder.environment();
    for (String prefix : droppedEnvironmentPrefixes) {
      env.keySet().removeIf(name -> name.startsWith(prefix));
    }
    env.putAll(environment);
    try {
      Files.writeString(
          log,
          LogTail.RUN_HEADER + Instant.now() + " " + String.join(" ", withoutClasspath(command)) + "\n",
          StandardCharsets.UTF_8,
          StandardOpenOption.CREATE,
          StandardOpenOption.APPEND);
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      return builder.start();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + mainClass, e);
    }
  }

  /** Whether {@code process} is a JVM that a launcher for {@code mainClass} started. */
  static boolean runs(ProcessHandle process, String mainClass) {
    return process.info().commandLine().map(line -> line.contains(MARKER + mainClass + " ")).orElse(false);
  }

  private static List<String> withoutClasspath(List<String> command) {
    List<String> shown = new ArrayList<>(command);
    int cp = shown.indexOf("-cp");
    if (cp >= 0 && cp + 1 < shown.size()) {
      shown.set(cp + 1, "<" + shown.get(cp + 1).split(java.io.File.pathSeparator).length + " jars>");
    }
    return shown;
  }
}
