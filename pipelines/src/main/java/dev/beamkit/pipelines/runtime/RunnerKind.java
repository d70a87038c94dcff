package dev.beamkit.pipelines.runtime;

import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.spark.SparkPipelineOptions;
import org.apache.beam.sdk.options.PipelineOptions;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Where a run goes, as far as the runner's quirks differ: the runner, and for Flink and Spark
 * whether its master is an in-JVM one ({@code [local]}, {@code local[n]}) or a cluster.
 */
public enum RunnerKind {
  DIRECT,
  FLINK_LOCAL,
  FLINK_CLUSTER,
  SPARK_LOCAL,
  SPARK_CLUSTER,
  /** A runner beamkit knows no quirks of: run as Beam runs it. */
  OTHER;

  /**
   * The kind of {@code runner} (a class name, simple or full; null for Beam's default, the
   * DirectRunner) with the masters the options give (null when not given: Beam's defaults, {@code
   * [auto]} and {@code local[4]}, are in-JVM ones here).
   */
  public static RunnerKind of(@Nullable String runner, @Nullable String flinkMaster, @Nullable String sparkMaster) {
    if (runner == null || runner.endsWith("DirectRunner")) {
      return DIRECT;
    }
    if (runner.endsWith("FlinkRunner")) {
      boolean local = flinkMaster == null || flinkMaster.equals("[local]") || flinkMaster.equals("[auto]");
      return local ? FLINK_LOCAL : FLINK_CLUSTER;
    }
    if (runner.endsWith("SparkRunner")) {
      return sparkMaster == null || sparkMaster.startsWith("local") ? SPARK_LOCAL : SPARK_CLUSTER;
    }
    return OTHER;
  }

  /** The kind of a run built from {@code options}. */
  public static RunnerKind of(PipelineOptions options) {
    String runner = options.getRunner().getName();
    RunnerKind kind = of(runner, null, null);
    switch (kind) {
      case FLINK_LOCAL:
        return of(runner, flinkMaster(options), null);
      case SPARK_LOCAL:
        return of(runner, null, sparkMaster(options));
      default:
        return kind;
    }
  }

  /** The FlinkRunner's {@code --flinkMaster}; the runner's classes are there when it runs. */
  static String flinkMaster(PipelineOptions options) {
    return options.as(FlinkPipelineOptions.class).getFlinkMaster();
  }

  static String sparkMaster(PipelineOptions options) {
    return options.as(SparkPipelineOptions.class).getSparkMaster();
  }

  public boolean isSpark() {
    return this == SPARK_LOCAL || this == SPARK_CLUSTER;
  }
}
