package dev.beamkit.pipelines;

import dev.beamkit.pipelines.events.EventCounts;
import dev.beamkit.pipelines.events.EventCountsSql;
import dev.beamkit.pipelines.sensors.SensorDownsample;
import dev.beamkit.pipelines.words.WordCount;
import java.util.Arrays;
import java.util.List;

/**
 * The main class of the bundled job jars: {@code run <pipeline> [--config FILE] [options]}.
 * Pipelines take Beam options ({@code --help} lists them). The tools around the jobs (replay,
 * demo, chart) live in beamkit-cli, so that a jar a cluster is given holds only what a job runs.
 */
public final class Beamkit {
  private static final List<BeamkitPipeline<?, ?>> PIPELINES =
      List.of(new SensorDownsample(), new EventCounts(), new EventCountsSql(), new WordCount());

  private Beamkit() {}

  public static void main(String[] args) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
      usage();
      return;
    }
    if (!args[0].equals("run")) {
      fail("unknown command '" + args[0] + "'; the job jar only runs pipelines (run); stop, replay, demo and chart are bin/beamkit's (beamkit-cli)");
    }
    run(Arrays.copyOfRange(args, 1, args.length));
  }

  /** {@code run <pipeline> [options]}: runs the named pipeline; {@code args} start with its name. */
  public static void run(String[] args) {
    if (args.length == 0) {
      fail("run: name a pipeline: " + names());
    }
    BeamkitPipeline<?, ?> job =
        PIPELINES.stream()
            .filter(p -> p.defaults().name().equals(args[0]))
            .findFirst()
            .orElse(null);
    if (job == null) {
      fail("run: unknown pipeline '" + args[0] + "'; use one of " + names());
    }
    PipelineLauncher.main(job, Arrays.copyOfRange(args, 1, args.length));
  }

  private static String names() {
    return String.join(", ", PIPELINES.stream().map(p -> p.defaults().name()).toList());
  }

  /** Prints the usage lines of {@code run}. */
  public static void usage() {
    System.out.println("usage: beamkit run <" + String.join("|", PIPELINES.stream().map(p -> p.defaults().name()).toList()) + "> [--config FILE] [--option=value ...]");
    System.out.println("       beamkit run <pipeline> --help     list the pipeline options");
  }

  private static void fail(String message) {
    System.err.println("beamkit: " + message);
    System.exit(PipelineLauncher.USAGE);
  }
}
