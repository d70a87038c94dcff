package dev.beamkit.benchmarks.beam;

import dev.beamkit.benchmarks.Implementation;
import dev.beamkit.benchmarks.KafkaTopics;
import dev.beamkit.benchmarks.Mode;
import dev.beamkit.benchmarks.Outcome;
import dev.beamkit.benchmarks.ResultLines;
import dev.beamkit.benchmarks.RunContext;
import dev.beamkit.benchmarks.SensorWindows;
import dev.beamkit.benchmarks.harness.OutputTopic;
import dev.beamkit.pipelines.PipelineLauncher;
import dev.beamkit.pipelines.options.BeamkitOptions;
import dev.beamkit.pipelines.options.WindowEngine;
import dev.beamkit.pipelines.runtime.RunnerProfile;
import dev.beamkit.pipelines.runtime.RunningJob;
import dev.beamkit.pipelines.sensors.SensorDownsample;
import dev.beamkit.transforms.RawRecord;
import dev.beamkit.transforms.Stats;
import dev.beamkit.transforms.Windowed;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.io.Read;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * beamkit's sensor-downsample on one Beam runner, the pipeline code used as is.
 *
 * <p>Kafka mode: the whole job, {@code new SensorDownsample()} as a {@code BeamkitJob} built by
 * {@code PipelineLauncher.create} from command-line options (KafkaIO with beamkit's event-time policy,
 * parsing, windows, stats, JSON, KafkaIO sink, dead letters to a topic of the run). The read is
 * unbounded, so the run ends when the output topic holds every window; then the job is cancelled.
 *
 * <p>Memory mode: {@code SensorDownsample.DownsampleReadings} (the transforms between source and
 * sink, with the {@link SensorWindows} every implementation uses) on the generated records, results formatted by {@code SensorDownsample.toJson} and written to the run's
 * {@link ResultLines}.
 */
public final class BeamkitSensorDownsample implements Implementation {
  /**
   * How long a Kafka partition without new records waits before its watermark moves to the wall
   * clock. The last windows of a finite input close only then, so it is part of every Kafka-mode
   * run's wall time; the pipeline's default is 5 s.
   */
  static final String IDLE_TIMEOUT = "1s";

  private final BeamRunner runner;
  private final WindowEngine windowEngine;

  /** The pipeline on {@code runner} with Beam's window operator, the default engine. */
  public BeamkitSensorDownsample(BeamRunner runner) {
    this(runner, "beam");
  }

  /** The pipeline on {@code runner} with {@code --windowEngine=windowEngine} ({@code beam} or {@code stateful}). */
  public BeamkitSensorDownsample(BeamRunner runner, String windowEngine) {
    this.runner = runner;
    this.windowEngine = WindowEngine.valueOf(windowEngine.toUpperCase(Locale.ROOT));
  }

  /** {@code beamkit-<runner>}, with {@code -<engine>} for an engine other than Beam's. */
  @Override
  public String name() {
    return "beamkit-" + runner.label() + (windowEngine == WindowEngine.BEAM ? "" : "-" + engineName());
  }

  /** {@code beam} or {@code stateful}, as {@code --windowEngine} names it. */
  private String engineName() {
    return windowEngine.name().toLowerCase(Locale.ROOT);
  }

  /** The runner's options, the window engine and {@code more}. */
  private RunnerProfile profile(RunContext context, String... more) {
    List<String> args = new ArrayList<>(List.of("--windowEngine=" + engineName()));
    args.addAll(List.of(more));
    return runner.profile(context, args);
  }

  @Override
  public Set<Mode> modes() {
    return Set.of(Mode.KAFKA, Mode.MEMORY);
  }

  @Override
  public Outcome run(RunContext context) throws Exception {
    return context.mode() == Mode.KAFKA ? runKafka(context) : runMemory(context);
  }

  /** The runner this implementation runs on. */
  public BeamRunner runner() {
    return runner;
  }

  /**
   * An empty pipeline with this implementation's options for {@code context} and {@code more}
   * (the runner's, the window engine, then {@code more}; the last of an option wins).
   */
  public Pipeline pipeline(RunContext context, String... more) {
    return Pipeline.create(profile(context, more).options(BeamkitOptions.class));
  }

  /** sensor-downsample's transform with the {@link SensorWindows} and this window engine. */
  public PCollection<Windowed<KV<String, Stats>>> downsample(PCollection<RawRecord> readings) {
    return readings
        .apply(
            new SensorDownsample.DownsampleReadings(
                SensorDownsample.Config.of(joda(SensorWindows.SIZE), joda(SensorWindows.ALLOWED_LATENESS))
                    .withWindowEngine(windowEngine)))
        .windows();
  }

  private Outcome runMemory(RunContext context) throws Exception {
    try (ResultLines lines = ResultLines.create()) {
      Pipeline pipeline = pipeline(context);
      PCollection<RawRecord> input =
          runner.streamsInMemoryMode()
              ? pipeline.apply("Generate", Read.from(new GeneratedRecords(context.workload())))
              : pipeline.apply("Generate", Read.from(new GeneratedBoundedRecords(context.workload())));
      downsample(input)
          .apply("ToJson", MapElements.into(TypeDescriptors.strings()).via(SensorDownsample::toJson))
          .apply("WriteResults", ParDo.of(new WriteResultLines(lines)));
      RunningPipeline running = new RunningPipeline(RunningJob.start(pipeline, runner.sparkSplits(context)));
      try {
        running.awaitResults(lines::count, context.expectedWindows(), deadline(context));
      } finally {
        running.stop();
      }
      return lines.finish();
    }
  }

  private Outcome runKafka(RunContext context) throws Exception {
    KafkaTopics kafka = context.requireKafka();
    RunnerProfile profile =
        profile(
            context,
            "--bootstrapServers=" + kafka.bootstrapServers(),
            "--inputTopic=" + kafka.inputTopic(),
            "--outputTopic=" + kafka.outputTopic(),
            "--deadLetterTopic=" + kafka.deadLetterTopic(),
            "--consumerGroup=bench-" + context.runId(),
            "--startFrom=earliest",
            "--idleTimeout=" + IDLE_TIMEOUT);
    Pipeline pipeline = PipelineLauncher.create(new SensorDownsample(), profile);
    RunningPipeline running = new RunningPipeline(RunningJob.start(pipeline, runner.sparkSplits(context)));
    try {
      long seen =
          OutputTopic.awaitCount(
              kafka.bootstrapServers(),
              kafka.outputTopic(),
              context.expectedWindows(),
              running::running,
              context.timeout(),
              deadline(context));
      running.requireComplete(seen, context.expectedWindows());
    } finally {
      running.stop();
    }
    return Outcome.inOutputTopic();
  }

  private static Duration joda(java.time.Duration duration) {
    return Duration.millis(duration.toMillis());
  }

  private static long deadline(RunContext context) {
    return System.currentTimeMillis() + context.timeout().toMillis();
  }
}
