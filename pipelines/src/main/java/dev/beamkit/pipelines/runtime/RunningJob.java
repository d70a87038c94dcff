package dev.beamkit.pipelines.runtime;

import java.time.Duration;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.options.PipelineOptions;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A pipeline started without blocking, on any runner: its state, its live counters, a bounded
 * stop and a wait — the one handle every caller uses ({@code bin/beamkit run}, the demo, the
 * conformance tests, the benchmarks). Starting is where the runner quirks of a run happen:
 * Spark's driver settings and JVM-wide resets ({@link SparkDriverRun}), Flink's local job caught
 * as it is submitted ({@link FlinkLocalJob}), a Flink session cluster's counters read over REST
 * ({@link FlinkClusterJob}); the option quirks come with the {@link RunnerProfile}.
 */
public final class RunningJob implements AutoCloseable {
  /**
   * How long {@link #close} lets a runner cancel: the next run may start a runner in this JVM,
   * so its resources must be free, and Spark stops gracefully for up to ten batch intervals.
   */
  public static final Duration STOP_DEADLINE = Duration.ofMinutes(3);

  private final PipelineOptions options;
  private final PipelineResult result;
  private final RunnerKind runner;

  private RunningJob(PipelineOptions options, PipelineResult result, RunnerKind runner) {
    this.options = options;
    this.result = result;
    this.runner = runner;
  }

  /** Starts {@code pipeline} (its options from a {@link RunnerProfile}); returns while it runs. */
  public static RunningJob start(Pipeline pipeline) {
    return start(pipeline, 1);
  }

  /**
   * {@link #start(Pipeline)} with {@code sparkSplits} splits of each source on Spark instead of
   * the one that a Kafka source needs there (see {@link SparkDriverRun}): for a source whose
   * splits keep pace with each other, such as the benchmarks' generated records.
   */
  public static RunningJob start(Pipeline pipeline, int sparkSplits) {
    PipelineOptions options = pipeline.getOptions();
    RunnerKind runner = RunnerKind.of(options);
    PipelineResult result;
    switch (runner) {
      case FLINK_LOCAL:
        result = FlinkLocalJob.start(pipeline);
        break;
      case FLINK_CLUSTER:
        result = new FlinkClusterJob(pipeline.run(), RunnerKind.flinkMaster(options), options.getJobName());
        break;
      case SPARK_LOCAL:
      case SPARK_CLUSTER:
        result = SparkDriverRun.run(pipeline, sparkSplits);
        break;
      default:
        result = pipeline.run();
    }
    return new RunningJob(options, result, runner);
  }

  /** The options the job runs with, its job name among them. */
  public PipelineOptions options() {
    return options;
  }

  public RunnerKind runner() {
    return runner;
  }

  /**
   * The job's state. A runner whose cluster is gone (Flink's per-job MiniCluster shuts down as
   * soon as the job ends, then refuses to be asked) has ended it.
   */
  public PipelineResult.State state() {
    try {
      return result.getState();
    } catch (IllegalStateException clusterGone) {
      return PipelineResult.State.DONE;
    }
  }

  /** Whether the job has ended: done, failed or cancelled. */
  public boolean ended() {
    return state().isTerminal();
  }

  /** beamkit's counters as the runner reports them, while the job runs and after. */
  public RunMetrics metrics() {
    return RunMetrics.of(result);
  }

  /**
   * Cancels the job unless it has ended and waits at most {@code deadline} for the runner to
   * finish, through {@link StopPolicy}.
   *
   * @return whether the runner finished cancelling within the deadline
   * @throws IllegalStateException when the runner failed to cancel for a reason of its own
   */
  public boolean stop(Duration deadline) {
    return StopPolicy.cancel(result, deadline);
  }

  /**
   * Waits at most {@code timeout} for the job to end.
   *
   * @return the state, or null when the runner cannot tell yet (PipelineResult's contract)
   */
  public PipelineResult.@Nullable State waitUntilFinish(Duration timeout) {
    return result.waitUntilFinish(org.joda.time.Duration.millis(timeout.toMillis()));
  }

  /**
   * Waits until the job ends.
   *
   * @throws RuntimeException the runner's error when the job failed
   */
  public PipelineResult.State waitUntilFinish() {
    return result.waitUntilFinish();
  }

  /** Stops the job; a runner that does not within {@link #STOP_DEADLINE} is an error. */
  @Override
  public void close() {
    if (!stop(STOP_DEADLINE)) {
      throw new IllegalStateException("the job did not stop within " + STOP_DEADLINE);
    }
  }
}
