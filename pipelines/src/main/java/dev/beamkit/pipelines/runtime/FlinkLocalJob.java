package dev.beamkit.pipelines.runtime;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.beam.runners.core.metrics.MetricsContainerStepMap;
import org.apache.beam.runners.flink.FlinkPipelineOptions;
import org.apache.beam.runners.flink.metrics.FlinkMetricContainer;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricResults;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.core.execution.JobListener;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/**
 * A job on the FlinkRunner's in-JVM cluster ({@code --flinkMaster=[local]}), the home of that
 * runner's quirks. There {@code run()} blocks until the job ends (Beam ignores {@code
 * attachedMode=false} for a local cluster) and hands out no handle before: a streaming Kafka job
 * would never return. So the run goes to a thread of its own, and a Flink {@link JobListener},
 * installed through the {@code flink-conf.yaml} of the run's Flink configuration directory, catches
 * the job's {@link JobClient} as Flink submits it, through which the job is followed and cancelled.
 * The same configuration installs {@link FlinkLocalMetrics}, which reads the job's counters while
 * it runs.
 */
final class FlinkLocalJob implements PipelineResult {
  private static final BlockingQueue<JobClient> SUBMITTED = new LinkedBlockingQueue<>();
  private static final long SUBMIT_TIMEOUT_MILLIS = 120_000;
  /** The user's configuration directory ("" for none) → the one with the listener added. */
  private static final Map<String, Path> CONFIG_DIRS = new HashMap<>();

  private final JobClient client;
  private final CompletableFuture<PipelineResult> run;
  /** Whether {@link #cancel} asked Flink to cancel the job. */
  private volatile boolean cancelled;

  private FlinkLocalJob(JobClient client, CompletableFuture<PipelineResult> run) {
    this.client = client;
    this.run = run;
  }

  /** Runs {@code pipeline} in the background; returns once Flink has accepted the job. */
  static synchronized PipelineResult start(Pipeline pipeline) {
    FlinkPipelineOptions options = pipeline.getOptions().as(FlinkPipelineOptions.class);
    options.setFlinkConfDir(configDir(options.getFlinkConfDir()).toString());
    SUBMITTED.clear();
    CompletableFuture<PipelineResult> run =
        CompletableFuture.supplyAsync(
            pipeline::run,
            task -> {
              Thread thread = new Thread(task, "flink-local-job");
              thread.setDaemon(true);
              thread.start();
            });
    long deadline = System.currentTimeMillis() + SUBMIT_TIMEOUT_MILLIS;
    try {
      while (System.currentTimeMillis() < deadline) {
        JobClient client = SUBMITTED.poll(200, TimeUnit.MILLISECONDS);
        if (client != null) {
          run.whenComplete((result, error) -> FlinkLocalMetrics.forget(client.getJobID()));
          return new FlinkLocalJob(client, run);
        }
        if (run.isDone()) {
          return run.join(); // Failed before submission (throws), or a job that ended at once.
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while submitting to Flink", e);
    }
    throw new IllegalStateException("Flink did not accept the job within " + SUBMIT_TIMEOUT_MILLIS + " ms");
  }

  /**
   * A Flink configuration directory with the user's {@code flink-conf.yaml} ({@code
   * --flinkConfDir}, else {@code FLINK_CONF_DIR}: bin/beamkit's loopback settings) and {@link
   * Capture} installed.
   */
  private static Path configDir(@Nullable String given) {
    String userDir = given != null ? given : System.getenv().getOrDefault("FLINK_CONF_DIR", "");
    return CONFIG_DIRS.computeIfAbsent(
        userDir,
        dir -> {
          try {
            Path userConf = Path.of(dir.isEmpty() ? "." : dir, "flink-conf.yaml");
            String conf = !dir.isEmpty() && Files.exists(userConf) ? Files.readString(userConf) + "\n" : "";
            Path withListener = Files.createTempDirectory("beamkit-flink-conf");
            Files.writeString(
                withListener.resolve("flink-conf.yaml"),
                conf
                    + "execution.job-listeners: " + Capture.class.getName() + "\n"
                    + "metrics.reporter.beamkit.factory.class: " + FlinkLocalMetrics.Factory.class.getName() + "\n");
            withListener.toFile().deleteOnExit();
            withListener.resolve("flink-conf.yaml").toFile().deleteOnExit();
            return withListener;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }

  /** Hands each submitted job's client to {@link #start}; Flink instantiates it by class name. */
  public static final class Capture implements JobListener {
    @Override
    public void onJobSubmitted(@Nullable JobClient client, @Nullable Throwable failure) {
      if (client != null) {
        SUBMITTED.add(client);
      }
    }

    @Override
    public void onJobExecuted(@Nullable JobExecutionResult result, @Nullable Throwable failure) {}
  }

  /** Whether the runner's {@code run()} has returned with the job's result: the job has ended. */
  boolean ended() {
    return run.isDone() && !run.isCompletedExceptionally();
  }

  // State, counters and cancel through the JobClient while the job runs, through the runner's own
  // result once run() has returned (the local cluster, and with it the client, is gone by then).

  @Override
  public State getState() {
    if (run.isDone()) {
      if (run.isCompletedExceptionally()) {
        // A cancelled job's run() ends with an error too ("Job was cancelled").
        return cancelled ? State.CANCELLED : State.FAILED;
      }
      return run.join().getState();
    }
    try {
      return state(client.getJobStatus().get());
    } catch (ExecutionException | IllegalStateException e) {
      // The job ended and its local cluster is shutting down: run() is about to return.
      return waitUntilFinish(Duration.standardSeconds(30));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return State.UNKNOWN;
    }
  }

  @Override
  public State cancel() throws IOException {
    if (!run.isDone()) {
      try {
        cancelled = true;
        client.cancel().get();
        // run() returns (with a cancellation error) once the local cluster has shut down.
        run.handle((result, error) -> null).get(60, TimeUnit.SECONDS);
      } catch (ExecutionException | TimeoutException e) {
        throw new IOException("could not cancel Flink job " + client.getJobID(), e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted while cancelling Flink job " + client.getJobID(), e);
      }
      return State.CANCELLED;
    }
    return getState();
  }

  @Override
  public State waitUntilFinish(Duration duration) {
    try {
      run.handle((result, error) -> null).get(duration.getMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // Still running: report the state as it is.
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return getState();
  }

  /** Waits for the job to end; a failed job's error is thrown, as the runner's {@code run()} would. */
  @Override
  public State waitUntilFinish() {
    try {
      return run.join().getState();
    } catch (CompletionException e) {
      throw e.getCause() instanceof RuntimeException failure ? failure : e;
    }
  }

  /**
   * The runner's counters once {@code run()} has returned; while the job runs, its tasks' Flink
   * counters as {@link FlinkLocalMetrics} keeps them (the runner's accumulator is empty until the
   * job ends).
   */
  @Override
  public MetricResults metrics() {
    if (run.isDone() && !run.isCompletedExceptionally()) {
      return run.join().metrics();
    }
    return FlinkLocalMetrics.of(client.getJobID());
  }

  private static State state(JobStatus status) {
    switch (status) {
      case FINISHED:
        return State.DONE;
      case CANCELED:
        return State.CANCELLED;
      case FAILED:
        return State.FAILED;
      case SUSPENDED:
        return State.STOPPED;
      default:
        return State.RUNNING;
    }
  }
}
