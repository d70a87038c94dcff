package dev.beamkit.cli.stop;

import dev.beamkit.pipelines.runtime.FlinkSavepoints;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code beamkit stop}: stops a pipeline running on a Flink session cluster with a savepoint
 * (Flink's stop-with-savepoint) and prints the savepoint's location, which {@code bin/beamkit run
 * ... --savepointPath=<location>} resumes from.
 */
@Command(
    name = "stop",
    mixinStandardHelpOptions = true,
    description = "Stop a job on a Flink session cluster with a savepoint and print its location, for --savepointPath.")
public final class StopWithSavepoint implements Callable<Integer> {

  @Option(names = "--flinkMaster", required = true, description = "The cluster's REST address, host:port.")
  String flinkMaster;

  @Option(names = "--jobName", required = true, description = "The --jobName the pipeline was started with.")
  String jobName;

  @Option(names = "--savepoint", required = true, description = "Directory for the savepoint; every TaskManager must reach it (shared storage on a real cluster).")
  String savepointDirectory;

  @Option(names = "--timeout", defaultValue = "PT5M", description = "How long the savepoint may take (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  @Override
  public Integer call() throws Exception {
    URI rest = URI.create("http://" + flinkMaster + "/");
    URI target = savepointDirectory.contains(":") ? URI.create(savepointDirectory) : Path.of(savepointDirectory).toAbsolutePath().toUri();
    String location = FlinkSavepoints.stop(rest, FlinkSavepoints.runningJobId(rest, jobName), target, timeout);
    System.out.println("stopped " + jobName + " with savepoint " + location + "; resume with --savepointPath=" + location);
    return 0;
  }
}
