package dev.beamkit.pipelines;

import dev.beamkit.pipelines.options.BeamkitOptions;
import dev.beamkit.pipelines.options.Durations;
import dev.beamkit.pipelines.options.Redaction;
import dev.beamkit.pipelines.options.Settings;
import dev.beamkit.pipelines.runtime.RunnerProfile;
import dev.beamkit.pipelines.runtime.RunningJob;
import dev.beamkit.pipelines.runtime.SparkCheckpointOptions;
import dev.beamkit.pipelines.runtime.StatusLine;
import dev.beamkit.pipelines.runtime.StopPolicy;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.options.ApplicationNameOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;

/**
 * Runs a {@link BeamkitPipeline} (as a {@link BeamkitJob}) from the command line: reads {@code --config FILE} (Java
 * properties, one option per line, e.g. {@code runner=FlinkRunner}) and the command-line options
 * (which win over the file: {@link RunnerProfile}), checks them, starts the pipeline ({@link
 * RunningJob}), and prints the beamkit counters when the run ends or is interrupted.
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
  public static void main(BeamkitPipeline<?, ?> job, String[] args) {
    if (Arrays.asList(args).contains("--help")) {
      PipelineOptionsFactory.printHelp(System.out, BeamkitOptions.class);
      return;
    }
    Pipeline pipeline;
    Duration statusEvery;
    try {
      RunnerProfile profile = RunnerProfile.of(args);
      BeamkitOptions options = profile.options(BeamkitOptions.class);
      statusEvery = Durations.parse("--statusEvery", options.getStatusEvery());
      Settings settings = Settings.of(options, job.defaults());
      // Before the pipeline is built: a wrong address or password is reported seconds sooner.
      ConnectionCheck.verify(settings);
      pipeline = create(job, profile, options, settings);
    } catch (IllegalArgumentException e) {
      System.err.println(job.defaults().name() + ": " + firstLine(e.getMessage()));
      System.exit(USAGE);
      return;
    } catch (ConnectionCheck.Failure e) {
      System.err.println(job.defaults().name() + ": " + e.getMessage());
      System.exit(1);
      return;
    }
    // Before the start: a Ctrl-C while the runner starts up must end the run too.
    StopPolicy.OnSignal stop = StopPolicy.OnSignal.install(System.out);
    stop.beforeTotals(StatusLine.printEvery(statusEvery, stop::running, System.out));
    int status = 0;
    try {
      RunningJob running = RunningJob.start(pipeline);
      stop.running(running);
      running.waitUntilFinish();
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
  public static RunningJob launch(BeamkitPipeline<?, ?> job, String[] args) {
    RunnerProfile profile = RunnerProfile.of(args);
    BeamkitOptions options = profile.options(BeamkitOptions.class);
    Settings settings = Settings.of(options, job.defaults());
    Pipeline pipeline = create(job, profile, options, settings);
    ConnectionCheck.verify(settings);
    return RunningJob.start(pipeline);
  }

  /**
   * Builds {@code job} from {@code args} ({@link RunnerProfile#of}) without running it.
   *
   * @throws IllegalArgumentException with a one-line message when an option is bad
   */
  public static Pipeline create(BeamkitPipeline<?, ?> job, String[] args) {
    return create(job, RunnerProfile.of(args));
  }

  /** Builds {@code job} from {@code profile} without running it; see {@link #create(BeamkitPipeline, String[])}. */
  public static Pipeline create(BeamkitPipeline<?, ?> job, RunnerProfile profile) {
    BeamkitOptions options = profile.options(BeamkitOptions.class);
    return create(job, profile, options, Settings.of(options, job.defaults()));
  }

  /** Builds {@code job} with {@code settings}, already made from {@code options}, the options of {@code profile}. */
  private static Pipeline create(
      BeamkitPipeline<?, ?> job, RunnerProfile profile, BeamkitOptions options, Settings settings) {
    if (!profile.has("jobName")) {
      options.setJobName("beamkit-" + job.defaults().name());
    }
    // Spark lists the application under this name; Beam's default is the launcher's class name.
    if (!profile.has("appName")) {
      options.as(ApplicationNameOptions.class).setAppName(options.getJobName());
    }
    // Before the job starts: resuming its checkpoint, Spark would ignore a changed option.
    SparkCheckpointOptions.verify(options);
    Pipeline pipeline = Pipeline.create(options);
    BeamkitJob.assemble(pipeline, job, settings);
    return pipeline;
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
