package dev.beamkit.benchmarks.soak;

import dev.beamkit.benchmarks.Implementations;
import dev.beamkit.benchmarks.Mode;
import dev.beamkit.benchmarks.RunContext;
import dev.beamkit.benchmarks.Workload;
import dev.beamkit.benchmarks.beam.BeamRunner;
import dev.beamkit.benchmarks.beam.BeamkitSensorDownsample;
import dev.beamkit.benchmarks.beam.CountWindowPanes;
import dev.beamkit.benchmarks.beam.PacedReadings;
import dev.beamkit.benchmarks.harness.JsonFiles;
import dev.beamkit.benchmarks.harness.ResourceMonitor;
import dev.beamkit.pipelines.runtime.RunningJob;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.transforms.ParDo;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Runs one soak in this JVM (a child of the harness, so the heap is the job's): sensor-downsample
 * on readings paced at a fixed rate, with the options Flink {@code [local]} ships with ({@value
 * #SHIPPED_CONFIG}: the stateful window engine, checkpoints every 10 s) under the implementation's
 * own runner and engine options. Prints a line per minute and a summary, writes the {@link
 * SoakReport} as JSON, and exits 0 only if the rate held and no window lost readings.
 */
@Command(name = "soak-run", mixinStandardHelpOptions = true)
public final class SoakRun implements Callable<Integer> {
  /** The runner settings of Flink {@code [local]} as shipped; paths are relative to the repository root. */
  public static final String SHIPPED_CONFIG = "runners-config/flink-local.properties";

  private static final long MINUTE_MILLIS = 60_000;
  private static final long POLL_MILLIS = 200;

  @Option(names = "--impl", required = true) String impl;
  @Option(names = "--per-second", required = true) long perSecond;
  @Option(names = "--seconds", required = true) long seconds;
  @Option(names = "--sensors", required = true) long sensors;
  @Option(names = "--parallelism", required = true) int parallelism;
  @Option(names = "--run-id", required = true) String runId;
  @Option(names = "--report", required = true) Path report;

  /**
   * The implementation a soak can run: beamkit on Flink, whose generated source streams.
   *
   * @throws IllegalArgumentException naming the ones it can run, in one line
   */
  public static BeamkitSensorDownsample soakable(String name) {
    if (Implementations.byName(name) instanceof BeamkitSensorDownsample beamkit && beamkit.runner() == BeamRunner.FLINK) {
      return beamkit;
    }
    throw new IllegalArgumentException(
        "--soak runs beamkit on Flink (beamkit-flink-stateful, as shipped, or beamkit-flink), not " + name);
  }

  /** Runs {@code plan}, printing to {@code out} and writing the report to {@code reportFile}. */
  public static SoakReport run(SoakPlan plan, PrintStream out, Path reportFile) throws Exception {
    BeamkitSensorDownsample implementation = soakable(plan.impl());
    try (SoakTally tally = SoakTally.open()) {
      // The readings come from the paced source, not from a workload.
      RunContext context = new RunContext(plan.runId(), Workload.of(0), Mode.MEMORY, plan.parallelism(), null, 0, plan.deadline());
      Pipeline pipeline = implementation.pipeline(context, "--config=" + SHIPPED_CONFIG);
      implementation
          .downsample(
              pipeline.apply(
                  "Generate",
                  Read.from(new PacedReadings(plan.perSecond(), plan.length().toMillis(), (int) plan.sensors(), tally))))
          .apply("CountPanes", ParDo.of(new CountWindowPanes(tally)));
      ResourceMonitor monitor = ResourceMonitor.start();
      RunningJob job = RunningJob.start(pipeline);
      List<MinuteSample> samples;
      String state;
      try {
        samples = sampleEveryMinute(plan, tally, job, out);
        state = awaitEnd(job, System.currentTimeMillis() + SoakPlan.DRAIN_DEADLINE.toMillis());
      } finally {
        if (!job.ended()) {
          job.stop(RunningJob.STOP_DEADLINE);
        }
        monitor.close();
      }
      List<String> lost = lostWindows(tally.generatedPerWindow(), tally.countedPerWindow());
      SoakReport result =
          new SoakReport(
              plan, samples, tally.generated(), monitor.peakHeapBytes(), tally.panes(), tally.otherPanes(),
              tally.generatedPerWindow().size(), lost, state);
      result.printSummary(out);
      JsonFiles.write(reportFile, result);
      return result;
    }
  }

  /**
   * One sample at the end of every whole minute of the source's run. A job that ends early (it
   * failed) ends the sampling; the summary then names its state.
   */
  private static List<MinuteSample> sampleEveryMinute(SoakPlan plan, SoakTally tally, RunningJob job, PrintStream out)
      throws InterruptedException {
    long startUpDeadline = System.currentTimeMillis() + SoakPlan.DRAIN_DEADLINE.toMillis();
    while (tally.sourceStartMillis() == 0 && !job.ended() && System.currentTimeMillis() < startUpDeadline) {
      Thread.sleep(POLL_MILLIS);
    }
    List<MinuteSample> samples = new ArrayList<>();
    long start = tally.sourceStartMillis();
    if (start == 0) {
      return samples;
    }
    SoakReport.printHeader(out);
    long previousReadings = 0;
    long previousMillis = start;
    for (int minute = 1; minute * MINUTE_MILLIS <= plan.length().toMillis() && !job.ended(); minute++) {
      while (System.currentTimeMillis() < start + minute * MINUTE_MILLIS && !job.ended()) {
        Thread.sleep(POLL_MILLIS);
      }
      long now = System.currentTimeMillis();
      long readings = tally.generated();
      long heap = HeapAfterFullGc.measure();
      MinuteSample sample =
          new MinuteSample(
              minute,
              readings,
              (readings - previousReadings) * 1000.0 / Math.max(1, now - previousMillis),
              heap,
              tally.panes(),
              tally.newestWindowEndMillis() == 0 ? Double.NaN : (now - tally.newestWindowEndMillis()) / 1000.0);
      SoakReport.print(out, sample);
      samples.add(sample);
      previousReadings = readings;
      previousMillis = now;
    }
    return samples;
  }

  /** Waits for the job to end by itself (the source's watermark jumps to the end) until {@code deadline}; its state. */
  private static String awaitEnd(RunningJob job, long deadline) throws InterruptedException {
    while (!job.ended() && System.currentTimeMillis() < deadline) {
      Thread.sleep(POLL_MILLIS);
    }
    return job.ended() ? job.state().name() : "still RUNNING after " + SoakPlan.DRAIN_DEADLINE + " of drain; cancelled";
  }

  /** One line per window whose ON_TIME panes counted other than the readings generated for it. */
  static List<String> lostWindows(Map<Long, Long> generated, Map<Long, Long> counted) {
    List<String> lost = new ArrayList<>();
    generated.forEach(
        (window, n) -> {
          long c = counted.getOrDefault(window, 0L);
          if (c != n) {
            lost.add(java.time.Instant.ofEpochMilli(window) + " generated " + n + " counted " + c);
          }
        });
    return lost;
  }

  /** The soak described by the parsed arguments. */
  SoakPlan plan() {
    return new SoakPlan(impl, perSecond, seconds, sensors, parallelism, runId);
  }

  @Override
  public Integer call() throws Exception {
    return run(plan(), System.out, report).ok() ? 0 : 1;
  }

  public static void main(String[] args) {
    // Exit explicitly: the engine leaves non-daemon threads behind.
    System.exit(new CommandLine(new SoakRun()).execute(args));
  }
}
