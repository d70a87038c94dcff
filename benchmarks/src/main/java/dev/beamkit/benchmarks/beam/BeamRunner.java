package dev.beamkit.benchmarks.beam;

import dev.beamkit.benchmarks.Mode;
import dev.beamkit.benchmarks.RunContext;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.runners.spark.util.GlobalWatermarkHolder;

/**
 * The runners beamkit is benchmarked on and the options each gets: the same pipeline, only the
 * options differ, as in production ({@code runners-config/}). Every runner runs inside the
 * benchmark's JVM at the run's parallelism.
 */
public enum BeamRunner {
  /**
   * Beam's reference runner. Memory mode is a batch run (see {@link GeneratedBoundedRecords});
   * immutability and encodability checks, which the DirectRunner does for testing, are off.
   */
  DIRECT("direct") {
    @Override
    List<String> runnerOptions(RunContext context) {
      return List.of(
          "--runner=DirectRunner",
          "--targetParallelism=" + context.parallelism(),
          "--enforceImmutability=false",
          "--enforceEncodability=false",
          "--blockOnRun=false");
    }
  },
  /**
   * An in-JVM Flink 1.19 MiniCluster ({@code [local]}), detached so that it can be cancelled, with
   * {@code --fasterCopy=true} as in {@code runners-config/flink-*.properties}.
   */
  FLINK("flink") {
    @Override
    List<String> runnerOptions(RunContext context) {
      return List.of(
          "--runner=FlinkRunner",
          "--flinkMaster=[local]",
          "--parallelism=" + context.parallelism(),
          "--attachedMode=false",
          "--fasterCopy=true");
    }
  },
  /**
   * Spark 3.5 {@code local[n]} with Beam's classic (DStream) runner.
   *
   * <p>In kafka mode with Spark's default parallelism 1: Beam 2.62's Spark runner sets the
   * watermark of a source to the <em>largest</em> watermark of its splits ({@code
   * SparkUnboundedSource}: "advance to latest of all partitions"), and KafkaIO makes one split per
   * partition per unit of parallelism, so readings of a partition that is behind the others arrive
   * behind the watermark and are dropped as too late (seen: 60 % of the windows of the sensors on
   * the busier partition missing). One split reads every partition, and KafkaIO's reader takes the
   * smallest of their watermarks, as it should. It also makes the shuffle after it single-threaded.
   */
  SPARK("spark") {
    @Override
    List<String> runnerOptions(RunContext context) throws IOException {
      return List.of(
          "--runner=SparkRunner",
          "--sparkMaster=local[" + context.parallelism() + "]",
          "--checkpointDir=" + Files.createTempDirectory("bench-spark-checkpoints-").toUri());
    }

    @Override
    Map<String, String> systemProperties(RunContext context) {
      // SparkConf reads spark.* system properties; Beam's runner offers no option for this one.
      return context.mode() == Mode.KAFKA ? Map.of("spark.default.parallelism", "1") : Map.of();
    }

    @Override
    void beforeRun() {
      // The runner keeps source watermarks in a JVM-wide holder keyed by source number; those
      // of a previous pipeline in this JVM would otherwise drop every reading of the next as late.
      GlobalWatermarkHolder.clear();
    }
  };

  /** System property with extra pipeline options for every beamkit run. */
  public static final String EXTRA_OPTIONS = "bench.beamOptions";

  private final String label;

  BeamRunner(String label) {
    this.label = label;
  }

  /** {@code direct}, {@code flink} or {@code spark}. */
  public String label() {
    return label;
  }

  /** Whether memory mode reads the streaming source ({@link GeneratedRecords}). */
  boolean streamsInMemoryMode() {
    return this != DIRECT;
  }

  /** The options selecting and configuring this runner for {@code context}. */
  abstract List<String> runnerOptions(RunContext context) throws IOException;

  /** Resets what an earlier run on this runner left behind in this JVM. */
  void beforeRun() {}

  /** JVM system properties the runner reads while the pipeline is built and run. */
  Map<String, String> systemProperties(RunContext context) {
    return Map.of();
  }

  /**
   * All pipeline options of a run: the runner's, streaming or not, the job name, then those of
   * system property {@value #EXTRA_OPTIONS} (separated by {@code ;}, as {@code --jvm-args} splits at
   * spaces), for trying options without a rebuild: {@code bin/benchmark --jvm-args "-Xmx2g
   * -Dbench.beamOptions=--maxBundleSize=5000;--objectReuse=true"}.
   */
  List<String> options(RunContext context) throws IOException {
    List<String> args = new ArrayList<>(runnerOptions(context));
    args.add("--streaming=" + (context.mode() == Mode.KAFKA || streamsInMemoryMode()));
    args.add("--jobName=bench-" + context.runId().replaceAll("[^A-Za-z0-9-]", "-").toLowerCase(Locale.ROOT));
    for (String extra : System.getProperty(EXTRA_OPTIONS, "").split(";")) {
      if (!extra.isBlank()) {
        args.add(extra.trim());
      }
    }
    return args;
  }
}
