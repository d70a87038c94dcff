package dev.beamkit.pipelines.runtime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamkit.transforms.BeamkitMetrics;
import java.time.Duration;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.GenerateSequence;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.junit.jupiter.api.Test;

/** The running-job handle on the DirectRunner: started without blocking, counted live, stopped. */
class RunningJobTest {
  /** Counts every element as beamkit's "parsed". */
  private static final class CountParsed extends DoFn<Long, Long> {
    private final Counter parsed = Metrics.counter(BeamkitMetrics.NAMESPACE, BeamkitMetrics.PARSED);

    @ProcessElement
    public void process(@Element Long element) {
      parsed.inc();
    }
  }

  private static Pipeline pipeline(String... args) {
    return Pipeline.create(RunnerProfile.of(args).options(PipelineOptions.class));
  }

  @Test
  void aStreamingJobRunsWhileItsCountersGrowUntilItIsStopped() throws InterruptedException {
    Pipeline pipeline = pipeline("--runner=DirectRunner", "--streaming=true");
    pipeline.apply("Endless", GenerateSequence.from(0).withRate(50, org.joda.time.Duration.standardSeconds(1)))
        .apply("Count", ParDo.of(new CountParsed()));

    RunningJob job = RunningJob.start(pipeline); // returns: the stream never ends
    assertEquals(RunnerKind.DIRECT, job.runner());
    long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
    while (job.metrics().get(BeamkitMetrics.PARSED) < 10 && System.nanoTime() < deadline) {
      Thread.sleep(100);
    }
    assertTrue(job.metrics().get(BeamkitMetrics.PARSED) >= 10, "counted while running: " + job.metrics().all());
    assertEquals(PipelineResult.State.RUNNING, job.state());
    assertTrue(job.reportsCounters());
    assertTrue(StatusLine.of("status", job).startsWith("status: parsed="), StatusLine.of("status", job));
    assertFalse(StatusLine.of("status", job).startsWith("status: parsed=n/a"), StatusLine.of("status", job));

    assertTrue(job.stop(Duration.ofSeconds(60)), "cancelled within the deadline");
    assertTrue(job.ended());
    assertEquals(PipelineResult.State.CANCELLED, job.state());
    assertTrue(job.stop(Duration.ofSeconds(5)), "stopping an ended job is no error");
  }

  @Test
  void aBoundedJobIsWaitedForAndKeepsItsCounters() {
    Pipeline pipeline = pipeline("--runner=DirectRunner");
    pipeline.apply("Three", Create.of(1L, 2L, 3L)).apply("Count", ParDo.of(new CountParsed()));

    RunningJob job = RunningJob.start(pipeline);
    assertEquals(PipelineResult.State.DONE, job.waitUntilFinish());
    assertTrue(job.ended());
    assertEquals(3, job.metrics().get(BeamkitMetrics.PARSED));
    assertTrue(StatusLine.of("totals", job).startsWith("totals: parsed=3 dead-lettered=0"), StatusLine.of("totals", job));
  }
}
