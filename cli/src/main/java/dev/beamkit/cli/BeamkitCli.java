package dev.beamkit.cli;

import dev.beamkit.cli.chart.Chart;
import dev.beamkit.cli.demo.Demo;
import dev.beamkit.cli.replay.Replay;
import dev.beamkit.cli.stop.StopWithSavepoint;
import dev.beamkit.pipelines.Beamkit;
import dev.beamkit.pipelines.PipelineLauncher;
import java.util.Arrays;

/**
 * The {@code beamkit} command line of bin/beamkit: {@code replay}, {@code demo}, {@code chart},
 * and {@code run}, which is the job jar's own {@link Beamkit} (bin/beamkit runs a pipeline from
 * the bundled runner jar; this class is for a classpath that holds both).
 */
public final class BeamkitCli {
  private BeamkitCli() {}

  public static void main(String[] args) {
    if (args.length == 0 || args[0].equals("--help") || args[0].equals("help")) {
      usage();
      return;
    }
    String[] rest = Arrays.copyOfRange(args, 1, args.length);
    switch (args[0]) {
      case "run" -> Beamkit.run(rest);
      case "replay" -> System.exit(Cli.execute(new Replay(), rest));
      case "demo" -> System.exit(Cli.execute(new Demo(), rest));
      case "chart" -> System.exit(Cli.execute(new Chart(), rest));
      case "stop" -> System.exit(Cli.execute(new StopWithSavepoint(), rest));
      default -> {
        System.err.println("beamkit: unknown command '" + args[0] + "'; use run, stop, replay, demo or chart");
        System.exit(PipelineLauncher.USAGE);
      }
    }
  }

  private static void usage() {
    Beamkit.usage();
    System.out.println("       beamkit replay --help             write testdata or generated data to Kafka");
    System.out.println("       beamkit demo                      run everything on a local Kafka and Redis");
    System.out.println("       beamkit stop --help               stop a job on a Flink cluster with a savepoint");
    System.out.println("       beamkit chart --help              chart raw vs downsampled sensor readings from Kafka");
  }
}
