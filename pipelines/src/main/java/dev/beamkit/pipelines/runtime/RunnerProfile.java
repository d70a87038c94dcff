package dev.beamkit.pipelines.runtime;

import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The options of one run as a user gives them: the {@code runners-config/*.properties} file of
 * {@code --config FILE} (Java properties, {@code runner=FlinkRunner}) and the command line, merged
 * by option name — the file before the command line, and of an option given more than once the
 * last one wins, wherever it came from (Beam itself refuses an option given twice). On top come
 * the runner quirks that are options: see {@link #args}.
 *
 * <p>Every caller that runs a pipeline builds its options here: {@code bin/beamkit run}, the demo,
 * the conformance tests and the benchmarks.
 */
public final class RunnerProfile {
  /** name → the whole argument, {@code --name=value} or {@code --name}; in first-given order. */
  private final Map<String, String> options;

  private RunnerProfile(Map<String, String> options) {
    this.options = options;
  }

  /**
   * The profile of {@code args}: {@code --config FILE} or {@code --config=FILE} (any number, read
   * in order) put their options first, then the other arguments in order; the last of an option
   * wins.
   *
   * @throws IllegalArgumentException naming the argument, in one line, for one that is not an
   *     option or a config file that cannot be read
   */
  public static RunnerProfile of(String... args) {
    List<String> fromFiles = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--config")) {
        if (i + 1 == args.length) {
          throw new IllegalArgumentException("--config: name a runners-config file, e.g. --config runners-config/direct.properties");
        }
        fromFiles.addAll(readConfig(args[++i]));
      } else if (arg.startsWith("--config=")) {
        fromFiles.addAll(readConfig(arg.substring("--config=".length())));
      } else {
        rest.add(arg);
      }
    }
    Map<String, String> merged = new LinkedHashMap<>();
    fromFiles.forEach(arg -> put(merged, arg));
    rest.forEach(arg -> put(merged, arg));
    return new RunnerProfile(merged);
  }

  /** This profile with {@code more} options after the command line's: they win. */
  public RunnerProfile with(String... more) {
    Map<String, String> merged = new LinkedHashMap<>(options);
    for (String arg : more) {
      put(merged, arg);
    }
    return new RunnerProfile(merged);
  }

  /** This profile with {@code more} options only where it gives none of that name. */
  public RunnerProfile withDefaults(String... more) {
    Map<String, String> merged = new LinkedHashMap<>();
    for (String arg : more) {
      put(merged, arg);
    }
    options.values().forEach(arg -> put(merged, arg));
    return new RunnerProfile(merged);
  }

  /**
   * This profile with a checkpoint directory of its own on Spark, a new temporary one: Spark
   * streaming resumes from whatever its {@code --checkpointDir} holds — an earlier run's job
   * graph, options and offsets — so runs that must start afresh (a test, a benchmark) each need
   * one. A user's run keeps the runner's default, {@code /tmp/<jobName>}, one per pipeline, and
   * resumes from it (runners-config/spark-*.properties say so).
   */
  public RunnerProfile withFreshCheckpoints() {
    if (!runner().isSpark()) {
      return this;
    }
    try {
      return with("--checkpointDir=" + Files.createTempDirectory("beamkit-spark-checkpoint"));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Whether an option of that name is given. */
  public boolean has(String name) {
    return options.containsKey(name);
  }

  /** The value of option {@code name}, {@code "true"} for a bare {@code --name}; null when not given. */
  public @Nullable String get(String name) {
    String arg = options.get(name);
    if (arg == null) {
      return null;
    }
    int equals = arg.indexOf('=');
    return equals < 0 ? "true" : arg.substring(equals + 1);
  }

  /** Where the run goes, as far as runner quirks differ. */
  public RunnerKind runner() {
    return RunnerKind.of(get("runner"), get("flinkMaster"), get("sparkMaster"));
  }

  /** The options as given, each once: the config files' in name order, then the command line's. */
  public String[] args() {
    return options.values().toArray(new String[0]);
  }

  /**
   * Beam's options of the run, validated, with the runner quirks that are options: unless the
   * user gave it, {@code --blockOnRun=false} on the DirectRunner, whose {@code run()} would
   * otherwise return only when a streaming pipeline ends — the caller needs the running job to
   * report its counters and stop it ({@link RunningJob}).
   *
   * @throws IllegalArgumentException Beam's message for an unknown option or a bad value
   */
  public <T extends PipelineOptions> T options(Class<T> type) {
    RunnerProfile quirks = runner() == RunnerKind.DIRECT ? withDefaults("--blockOnRun=false") : this;
    return PipelineOptionsFactory.fromArgs(quirks.args()).withValidation().as(type);
  }

  private static void put(Map<String, String> options, String arg) {
    String name = optionName(arg);
    options.remove(name); // the last one wins, and its place is where it was given last
    options.put(name, arg);
  }

  /** {@code name} of {@code --name=value} or {@code --name}. */
  private static String optionName(String arg) {
    if (!arg.startsWith("--") || arg.length() == 2 || arg.charAt(2) == '=') {
      throw new IllegalArgumentException("'" + arg + "': not an option; give options as --name=value");
    }
    int equals = arg.indexOf('=');
    return equals < 0 ? arg.substring(2) : arg.substring(2, equals);
  }

  /** The file's options as arguments, in name order. */
  private static List<String> readConfig(String file) {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(Path.of(file))) {
      properties.load(reader);
    } catch (IOException e) {
      throw new IllegalArgumentException("--config=" + file + ": cannot read: " + e.getMessage());
    }
    List<String> args = new ArrayList<>();
    properties.stringPropertyNames().stream().sorted().forEach(k -> args.add("--" + k + "=" + properties.getProperty(k).trim()));
    return args;
  }
}
