package dev.beamkit.pipelines;

import dev.beamkit.pipelines.chart.Chart;
import dev.beamkit.pipelines.demo.Demo;
import dev.beamkit.pipelines.events.EventCounts;
import dev.beamkit.pipelines.events.EventCountsSql;
import dev.beamkit.pipelines.replay.Replay;
import dev.beamkit.pipelines.sensors.SensorDownsample;
import dev.beamkit.pipelines.words.WordCount;
import java.util.Arrays;
import java.util.List;

/**
 * The {@code beamkit} command: {@code run <pipeline> [--config FILE] [options]}, {@code replay},
 * {@code demo}, {@code chart}. Pipelines take Beam options ({@code --help} lists them); the tools take their own.
 */
public final class Beamkit {
  private static final List<BeamkitPipeline> PIPELINES =
      List.of(new SensorDownsample(), new EventCounts(), new EventCountsSql(), new WordCount());

  private Beamkit() {}

  public static void main(String[] args) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
      usage();
      return;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "run" -> run(rest);
      case "replay" -> System.exit(Cli.execute(new Replay(), rest));
      case "demo" -> System.exit(Cli.execute(new Demo(), rest));
      case "chart" -> System.exit(Cli.execute(new Chart(), rest));
      default -> fail("unknown command '" + args[0] + "'; use run, replay, demo or chart");
    }
  }

  private static void run(String[] args) {
    if (args.length == 0) {
      fail("run: name a pipeline: " + names());
    }
    BeamkitPipeline job =
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

  private static void usage() {
    System.out.println("usage: beamkit run <" + String.join("|", PIPELINES.stream().map(p -> p.defaults().name()).toList()) + "> [--config FILE] [--option=value ...]");
    System.out.println("       beamkit run <pipeline> --help     list the pipeline options");
    System.out.println("       beamkit replay --help             write testdata or generated data to Kafka");
    System.out.println("       beamkit demo                      run everything on a local Kafka and Redis");
    System.out.println("       beamkit chart --help              chart raw vs downsampled sensor readings from Kafka");
  }

  private static void fail(String message) {
    System.err.println("beamkit: " + message);
    System.exit(PipelineLauncher.USAGE);
  }
}
