package dev.beamkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamkit.pipelines.options.BeamkitOptions;
import dev.beamkit.pipelines.runtime.RunnerKind;
import dev.beamkit.pipelines.runtime.RunningJob;
import dev.beamkit.pipelines.runtime.StatusLine;
import dev.beamkit.transforms.BeamkitMetrics;
import java.time.Duration;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Gauge;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The running-job handle on each runner of this JVM, with the option files users run: started
 * without blocking, counted while it runs (on Flink local through the tasks' metrics, as the
 * runner's accumulator stays empty until the job ends), stopped.
 */
class RunningJobIT {
  /** Counts every element as beamkit's "parsed", with the wall clock as the newest event time. */
  private static final class CountParsed extends DoFn<Long, Long> {
    private final Counter parsed = Metrics.counter(BeamkitMetrics.NAMESPACE, BeamkitMetrics.PARSED);
    private final Gauge newest = Metrics.gauge(BeamkitMetrics.NAMESPACE, BeamkitMetrics.NEWEST_EVENT_TIME);

    @ProcessElement
    public void process(@Element Long element) {
      parsed.inc();
      newest.set(System.currentTimeMillis());
    }
  }

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = RunnerTarget.class, names = {"DIRECT", "FLINK_LOCAL", "SPARK_LOCAL"})
  void aStreamingJobIsCountedWhileItRunsUntilItIsStopped(RunnerTarget target) throws InterruptedException {
    Pipeline pipeline = Pipeline.create(target.profile("--streaming=true").options(BeamkitOptions.class));
    pipeline.apply("Endless", GenerateSequence.from(0).withRate(50, org.joda.time.Duration.standardSeconds(1)))
        .apply("Count", ParDo.of(new CountParsed()));

    try (RunningJob job = RunningJob.start(pipeline)) { // returns: the stream never ends
      Await.until(
          "10 elements counted while the job runs",
          Await.PATIENCE,
          () -> job.metrics().get(BeamkitMetrics.PARSED) >= 10);
      assertEquals(PipelineResult.State.RUNNING, job.state());
      String status = StatusLine.of("status", job);
      assertTrue(status.matches("status: parsed=\\d+ dead-lettered=0 dropped/too-late=0 written=0 input-lag=\\d+s"), status);

      assertTrue(job.stop(Duration.ofSeconds(60)), "cancelled within the deadline");
      assertTrue(job.ended());
      assertEquals(PipelineResult.State.CANCELLED, job.state());
      assertTrue(job.stop(Duration.ofSeconds(5)), "stopping an ended job is no error");
    }
  }

  @Test
  void aBoundedJobIsWaitedForAndKeepsItsCounters() {
    Pipeline pipeline = Pipeline.create(RunnerTarget.DIRECT.profile().options(BeamkitOptions.class));
    pipeline.apply("Three", Create.of(1L, 2L, 3L)).apply("Count", ParDo.of(new CountParsed()));

    try (RunningJob job = RunningJob.start(pipeline)) {
      assertEquals(RunnerKind.DIRECT, job.runner());
      assertEquals(PipelineResult.State.DONE, job.waitUntilFinish());
      assertTrue(job.ended());
      assertEquals(3, job.metrics().get(BeamkitMetrics.PARSED));
      assertTrue(StatusLine.of("totals", job).startsWith("totals: parsed=3 dead-lettered=0"), StatusLine.of("totals", job));
    }
  }
}
