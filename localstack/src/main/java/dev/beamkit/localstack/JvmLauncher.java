package dev.beamkit.localstack;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts a main class in a JVM of its own, with the same Java as this one, stdout and stderr
 * appended to a log file, and the environment this JVM has less the variables a caller drops. The
 * Kafka broker, the Flink cluster and the Spark daemons all start through here.
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
  private Path directory;
  private Path log;
  private Path argumentsFile;

  private JvmLauncher(String mainClass) {
    this.mainClass = mainClass;
  }

  /** A launcher for {@code mainClass}; set classpath and log file before {@link #start()}. */
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

  /** Drops inherited variables starting with {@code prefix}: a user's setup must not leak in. */
  JvmLauncher dropEnvironment(String prefix) {
    droppedEnvironmentPrefixes.add(prefix);
    return this;
  }

  /**
   * Passes the main class and its arguments in {@code file} (a java launcher {@code @argfile},
   * readable by its owner only) instead of on the command line, which every local user can read
   * in {@code /proc/<pid>/cmdline}: for arguments that hold secrets. The caller deletes the file.
   */
  JvmLauncher argumentsFile(Path file) {
    this.argumentsFile = file;
    return this;
  }

  /** The JVM's working directory; by default this JVM's. */
  JvmLauncher directory(Path directory) {
    this.directory = directory;
    return this;
  }

  JvmLauncher log(Path log) {
    this.log = log;
    return this;
  }

  /** The command line {@link #start()} runs. */
  List<String> command() {
    List<String> command = new ArrayList<>();
    command.add(javaExecutable());
    command.add(MARKER + mainClass);
    command.addAll(jvmOptions);
    command.add("-cp");
    command.add(classpath);
    if (argumentsFile != null) {
      command.add("@" + argumentsFile);
    } else {
      command.add(mainClass);
      command.addAll(arguments);
    }
    return command;
  }

  private void writeArgumentsFile() {
    StringBuilder text = new StringBuilder(mainClass).append('\n');
    for (String argument : arguments) {
      text.append('"').append(argument.replace("\\", "\\\\").replace("\"", "\\\"")).append("\"\n");
    }
    SecretFiles.writePrivate(argumentsFile, text.toString());
  }

  /** Starts the JVM; its log first gets a header with the time and the command line. */
  Process start() {
    if (classpath == null || log == null) {
      throw new IllegalStateException("classpath and log must be set for " + mainClass);
    }
    if (argumentsFile != null) {
      writeArgumentsFile();
    }
    List<String> command = command();
    ProcessBuilder builder = new ProcessBuilder(command);
    if (directory != null) {
      builder.directory(directory.toFile());
    }
    Map<String, String> env = builder.environment();
    for (String prefix : droppedEnvironmentPrefixes) {
      env.keySet().removeIf(name -> name.startsWith(prefix));
    }
    env.putAll(environment);
    return Processes.start(builder, withoutClasspath(command), log);
  }

  /** Whether {@code process} is a JVM that a launcher for {@code mainClass} started. */
  static boolean runs(ProcessHandle process, String mainClass) {
    return process
        .info()
        .commandLine()
        .map(line -> line.contains(MARKER + mainClass + " "))
        .orElse(false);
  }

  private static String javaExecutable() {
    Path fromJavaHome = Path.of(System.getProperty("java.home"), "bin", "java");
    if (Files.isExecutable(fromJavaHome)) {
      return fromJavaHome.toString();
    }
    return ProcessHandle.current().info().command().orElse("java");
  }

  private static List<String> withoutClasspath(List<String> command) {
    List<String> shown = new ArrayList<>(command);
    int cp = shown.indexOf("-cp");
    shown.set(cp + 1, "<" + shown.get(cp + 1).split(File.pathSeparator).length + " jars>");
    return shown;
  }
}
