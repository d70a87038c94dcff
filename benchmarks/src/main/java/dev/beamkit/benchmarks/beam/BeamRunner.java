package dev.beamkit.benchmarks.beam;

import dev.beamkit.benchmarks.Mode;
import dev.beamkit.benchmarks.RunContext;
import dev.beamkit.pipelines.runtime.RunnerProfile;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
          "--enforceEncodability=false");
    }
  },
  /**
   * An in-JVM Flink 1.19 MiniCluster ({@code [local]}), with {@code --fasterCopy=true} as in
   * {@code runners-config/flink-*.properties}.
   */
  FLINK("flink") {
    @Override
    List<String> runnerOptions(RunContext context) {
      return List.of(
          "--runner=FlinkRunner",
          "--flinkMaster=[local]",
          "--parallelism=" + context.parallelism(),
          "--fasterCopy=true");
    }
  },
  /**
   * Spark 3.5 {@code local[n]} with Beam's classic (DStream) runner.
   *
   * <p>In kafka mode the Kafka read is one split (the runner runtime's default on Spark, see
   * {@code dev.beamkit.pipelines.runtime.SparkDriverRun}: with several, a split that is behind the
   * others has its readings dropped as too late; seen: 60 % of the windows of the sensors on the
   * busier partition missing). The generated records of memory mode keep pace with each other and
   * are read in one split per core.
   */
  SPARK("spark") {
    @Override
    List<String> runnerOptions(RunContext context) {
      return List.of("--runner=SparkRunner", "--sparkMaster=local[" + context.parallelism() + "]");
    }

    @Override
    int sparkSplits(RunContext context) {
      return context.mode() == Mode.KAFKA ? 1 : context.parallelism();
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
  abstract List<String> runnerOptions(RunContext context);

  /** How many splits Spark cuts a source into ({@code RunningJob.start(pipeline, splits)}). */
  int sparkSplits(RunContext context) {
    return 1;
  }

  /**
   * All pipeline options of a run: the runner's, streaming or not, the job name, then {@code
   * more}, then those of system property {@value #EXTRA_OPTIONS} (separated by {@code ;}, as
   * {@code --jvm-args} splits at spaces), for trying options without a rebuild: {@code
   * bin/benchmark --jvm-args "-Xmx2g -Dbench.beamOptions=--maxBundleSize=5000;--objectReuse=true"};
   * the last of an option wins. A Spark run starts from a checkpoint directory of its own.
   */
  RunnerProfile profile(RunContext context, List<String> more) {
    List<String> args = new ArrayList<>(runnerOptions(context));
    args.add("--streaming=" + (context.mode() == Mode.KAFKA || streamsInMemoryMode()));
    args.add("--jobName=bench-" + context.runId().replaceAll("[^A-Za-z0-9-]", "-").toLowerCase(Locale.ROOT));
    args.addAll(more);
    for (String extra : System.getProperty(EXTRA_OPTIONS, "").split(";")) {
      if (!extra.isBlank()) {
        args.add(extra.trim());
      }
    }
    return RunnerProfile.of(args.toArray(String[]::new)).withFreshCheckpoints();
  }
}
