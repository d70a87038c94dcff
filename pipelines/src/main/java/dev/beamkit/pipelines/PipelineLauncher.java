package dev.beamkit.pipelines;

import dev.beamkit.pipelines.options.BeamkitOptions;
import dev.beamkit.pipelines.options.Durations;
import dev.beamkit.pipelines.options.Redaction;
import dev.beamkit.pipelines.options.Settings;
import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.ApplicationNameOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;

/**
 * Runs a {@link BeamkitPipeline} from the command line: reads {@code --config FILE} (Java
 * properties, one option per line, e.g. {@code runner=FlinkRunner}) and the command-line options
 * (which win over the file), checks them, builds and runs the pipeline, and prints the beamkit
 * counters when the run ends or is interrupted.
 *
 * <p>A bad option is reported as one line naming the option, with exit code 2 — never a stack
 * trace. {@code --help} lists every option with its description and default.
 */
public final class PipelineLauncher {
  /** Exit code for a bad command line. */
  public static final int USAGE = 2;

  private PipelineLauncher() {}

  /**
   * Entry point for a pipeline's {@code main}: runs until the pipeline ends or the JVM is stopped,
   * printing a status line every {@code --statusEvery} and the totals at the end. Ctrl-C or
   * SIGTERM ends the JVM within 15 s on every runner ({@link StopPolicy.OnSignal}).
   */
  public static void main(BeamkitPipeline job, String[] args) {
    if (Arrays.asList(args).contains("--help")) {
      PipelineOptionsFactory.printHelp(System.out, BeamkitOptions.class);
      return;
    }
    Pipeline pipeline;
    Duration statusEvery;
    try {
      pipeline = create(job, args);
      BeamkitOptions options = pipeline.getOptions().as(BeamkitOptions.class);
      statusEvery = Durations.parse("--statusEvery", options.getStatusEvery());
      ConnectionCheck.verify(Settings.of(options, job.defaults()));
    } catch (IllegalArgumentException e) {
      System.err.println(job.defaults().name() + ": " + firstLine(e.getMessage()));
      System.exit(USAGE);
      return;
    } catch (ConnectionCheck.Failure e) {
      System.err.println(job.defaults().name() + ": " + e.getMessage());
      System.exit(1);
      return;
    }
    // Before run(): on Flink [local] run() returns only when the job has ended.
    StopPolicy.OnSignal stop = StopPolicy.OnSignal.install(System.out);
    stop.beforeTotals(StatusLine.printEvery(statusEvery, stop::running, System.out));
    int status = 0;
    try {
      PipelineResult result = pipeline.run();
      stop.running(result);
      result.waitUntilFinish();
    } catch (RuntimeException e) {
      e.printStackTrace(); // the runner's whole story, then the one line that sums it up
      System.err.println(job.defaults().name() + ": the job failed: " + firstLine(String.valueOf(e.getMessage())));
      status = 1;
    }
    stop.exit(status);
  }

  /**
   * Builds {@code job} from {@code args}, checks that Kafka (and Redis, when results go there)
   * accept its settings, and runs it.
   *
   * @throws IllegalArgumentException with a one-line message when an option is bad
   * @throws ConnectionCheck.Failure with a one-line message when a server refuses the settings
   */
  public static PipelineResult launch(BeamkitPipeline job, String[] args) {
    Pipeline pipeline = create(job, args);
    ConnectionCheck.verify(Settings.of(pipeline.getOptions().as(BeamkitOptions.class), job.defaults()));
    return pipeline.run();
  }

  /**
   * Builds {@code job} from {@code args} without running it.
   *
   * @throws IllegalArgumentException with a one-line message when an option is bad
   */
  public static Pipeline create(BeamkitPipeline job, String[] args) {
    String[] all = withConfigFile(args);
    BeamkitOptions options = PipelineOptionsFactory.fromArgs(all).withValidation().as(BeamkitOptions.class);
    if (blocksOnRun(options, all)) {
      options = PipelineOptionsFactory.fromArgs(append(all, "--blockOnRun=false")).withValidation().as(BeamkitOptions.class);
    }
    Settings settings = Settings.of(options, job.defaults());
    if (options.getJobName() == null || options.getJobName().startsWith("pipelinelauncher")) {
      options.setJobName("beamkit-" + job.defaults().name());
    }
    // Spark lists the application under this name; Beam's default is the launcher's class name.
    if (Arrays.stream(all).noneMatch(a -> a.startsWith("--appName"))) {
      options.as(ApplicationNameOptions.class).setAppName(options.getJobName());
    }
    Pipeline pipeline = Pipeline.create(options);
    job.assemble(pipeline, settings);
    return pipeline;
  }

  /**
   * Whether {@code run()} would only return when the pipeline ends: the DirectRunner's default.
   * The launcher needs the running pipeline's result to report counters and cancel it on Ctrl-C,
   * so it asks for a non-blocking run unless the user chose otherwise.
   */
  private static boolean blocksOnRun(BeamkitOptions options, String[] args) {
    return options.getRunner().getSimpleName().equals("DirectRunner")
        && Arrays.stream(args).noneMatch(a -> a.startsWith("--blockOnRun"));
  }

  private static String[] append(String[] args, String arg) {
    String[] more = Arrays.copyOf(args, args.length + 1);
    more[args.length] = arg;
    return more;
  }

  /**
   * The arguments with those of {@code --config FILE} (or {@code --config=FILE}) put first, less
   * the file's options that the command line sets again: Beam rejects an option given twice, and
   * the command line is meant to win over the file.
   */
  public static String[] withConfigFile(String[] args) {
    List<String> fromFile = new ArrayList<>();
    List<String> rest = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("--config") && i + 1 < args.length) {
        fromFile.addAll(readConfig(args[++i]));
      } else if (arg.startsWith("--config=")) {
        fromFile.addAll(readConfig(arg.substring("--config=".length())));
      } else {
        rest.add(arg);
      }
    }
    Set<String> given = new HashSet<>();
    rest.forEach(arg -> given.add(optionName(arg)));
    List<String> all = new ArrayList<>();
    fromFile.stream().filter(arg -> !given.contains(optionName(arg))).forEach(all::add);
    all.addAll(rest);
    return all.toArray(new String[0]);
  }

  /** {@code name} of {@code --name=value} or {@code --name}. */
  private static String optionName(String arg) {
    String option = arg.startsWith("--") ? arg.substring(2) : arg;
    int equals = option.indexOf('=');
    return equals < 0 ? option : option.substring(0, equals);
  }

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

  /** Beam's wording for an unknown option, e.g. "... missing a property named 'bogus'". */
  private static final Pattern UNKNOWN_OPTION = Pattern.compile("missing a property named '([^']+)'");

  private static String firstLine(String text) {
    if (text == null) {
      return "invalid options";
    }
    String message = Redaction.hidePasswords(text);
    Matcher unknown = UNKNOWN_OPTION.matcher(message);
    if (unknown.find()) {
      return "--" + unknown.group(1) + ": unknown option (see --help)";
    }
    int newline = message.indexOf('\n');
    return newline < 0 ? message : message.substring(0, newline);
  }
}
