package dev.beamkit.cli.demo;

import dev.beamkit.localstack.LocalStack;
import dev.beamkit.pipelines.BeamkitPipeline;
import dev.beamkit.cli.Cli;
import dev.beamkit.cli.chart.Chart;
import dev.beamkit.pipelines.PipelineLauncher;
import dev.beamkit.pipelines.runtime.RunMetrics;
import dev.beamkit.pipelines.runtime.RunningJob;
import dev.beamkit.pipelines.events.EventCounts;
import dev.beamkit.pipelines.replay.KafkaReplayer;
import dev.beamkit.pipelines.replay.TestdataFile;
import dev.beamkit.pipelines.sensors.SensorDownsample;
import dev.beamkit.pipelines.words.WordCount;
import dev.beamkit.transforms.time.EventTimeExtractor;
import dev.beamkit.transforms.time.EventTimeParser;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code beamkit demo}: starts a local Kafka broker and Redis server, replays {@code testdata/}
 * into the input topics, runs the three pipelines on the DirectRunner until the input is
 * drained, prints the sensor windows (and charts them into a PNG), the Redis event counts and the top words, and stops
 * everything it started — also on Ctrl-C or failure.
 */
@Command(
    name = "demo",
    mixinStandardHelpOptions = true,
    description = "Run the three pipelines on local Kafka and Redis over testdata/ and show the results.")
public final class Demo implements Callable<Integer> {

  @Option(names = "--testdata", defaultValue = "${sys:beamkit.home:-.}/testdata", description = "Folder with the input files (default: ${DEFAULT-VALUE}).")
  Path testdata;

  @Option(names = "--timeout", defaultValue = "PT3M", description = "Give up when the input is not drained within this time (default: ${DEFAULT-VALUE}).")
  Duration timeout;

  /** Where the demo has word-count write its top words per window. */
  static final String TOP_WORDS_TOPIC = "top-words";

  @Option(names = "--chart", defaultValue = "${sys:java.io.tmpdir}/beamkit-demo-sensors.png", description = "Where to write the chart of raw vs downsampled sensor readings (default: ${DEFAULT-VALUE}).")
  Path chart;

  private final PrintStream out = System.out;

  /** One input file, the topic it goes to, and the pipeline that reads it. */
  private record Feed(String file, String topic, int partitions, String timeField, BeamkitPipeline<?, ?> job) {}

  private static final List<Feed> FEEDS =
      List.of(
          new Feed("sensors.jsonl", "raw-temp-data", 3, SensorDownsample.TIME_FIELD, new SensorDownsample()),
          new Feed("bad-records.jsonl", "raw-temp-data", 3, SensorDownsample.TIME_FIELD, null),
          new Feed("user-events.jsonl", "user-events", 1, EventCounts.TIME_FIELD, new EventCounts()),
          new Feed("text-stream.txt", "text-stream", 1, null, new WordCount()));

  @Override
  public Integer call() throws Exception {
    for (Feed feed : FEEDS) {
      if (!Files.isReadable(testdata.resolve(feed.file()))) {
        throw new IOException(testdata.resolve(feed.file()) + " not found; run the demo from the repository root");
      }
    }
    out.println("Starting Kafka (KRaft) and Redis on 127.0.0.1 ...");
    try (LocalStack stack = LocalStack.start()) {
      out.println("  Kafka " + stack.bootstrapServers() + ", Redis " + stack.redisUri());
      Map<BeamkitPipeline<?, ?>, Long> replayed = replay(stack);
      List<Run> runs = new ArrayList<>();
      try {
        for (Map.Entry<BeamkitPipeline<?, ?>, Long> e : replayed.entrySet()) {
          runs.add(Run.start(e.getKey(), e.getValue(), stack));
        }
        out.println("Running sensor-downsample, event-counts and word-count on the DirectRunner ...");
        for (Run run : runs) {
          run.awaitDrained(timeout);
        }
        DemoReport report = new DemoReport(stack, out);
        report.sensorWindows();
        chart(stack);
        report.eventCounts();
        report.topWords(TOP_WORDS_TOPIC);
        report.deadLetters();
      } finally {
        for (Run run : runs) {
          run.stop(out);
        }
      }
    }
    out.println("Stopped Kafka and Redis.");
    return 0;
  }

  /** What {@code beamkit chart} does for any run, here for the demo's sensor topics. */
  private void chart(LocalStack stack) {
    out.println();
    int exit =
        Cli.execute(
            new Chart(),
            "--bootstrap-servers=" + stack.bootstrapServers(),
            "--topic=" + SensorDownsample.DEFAULTS.inputTopic(),
            "--aggregate-topic=" + SensorDownsample.DEFAULTS.outputTopic(),
            "--out=" + chart);
    if (exit != 0) {
      throw new IllegalStateException("the sensor chart failed (exit " + exit + ")");
    }
  }

  private Map<BeamkitPipeline<?, ?>, Long> replay(LocalStack stack) throws InterruptedException {
    Map<BeamkitPipeline<?, ?>, Long> replayed = new LinkedHashMap<>();
    BeamkitPipeline<?, ?> last = null;
    try (KafkaReplayer replayer = new KafkaReplayer(stack.bootstrapServers(), out)) {
      for (Feed feed : FEEDS) {
        stack.kafka().createTopic(feed.topic(), feed.partitions());
        EventTimeExtractor time =
            feed.timeField() == null ? null : EventTimeExtractor.field(feed.timeField(), EventTimeParser.auto());
        long n = replayer.replay(feed.topic(), TestdataFile.read(testdata.resolve(feed.file()), time).iterator(), 0);
        BeamkitPipeline<?, ?> job = feed.job() == null ? last : feed.job();
        replayed.merge(job, n, Long::sum);
        last = job;
      }
    }
    return replayed;
  }

  /** One running pipeline and how many records it should read. */
  private static final class Run {
    /** How long each pipeline may take to stop before the demo moves on (and stops the servers). */
    static final Duration STOP_DEADLINE = Duration.ofSeconds(10);

    final BeamkitPipeline<?, ?> job;
    final long expected;
    final RunningJob running;

    private Run(BeamkitPipeline<?, ?> job, long expected, RunningJob running) {
      this.job = job;
      this.expected = expected;
      this.running = running;
    }

    static Run start(BeamkitPipeline<?, ?> job, long expected, LocalStack stack) {
      List<String> args =
          new ArrayList<>(
              List.of(
                  "--runner=DirectRunner",
                  "--streaming=true",
                  "--bootstrapServers=" + stack.bootstrapServers(),
                  "--redisUri=" + stack.redisUri(),
                  "--idleTimeout=2s",
                  // Its broker, like a production one, creates no topic on first write.
                  "--createTopics"));
      if (job instanceof WordCount) {
        args.add("--topWordsTopic=" + TOP_WORDS_TOPIC);
      }
      return new Run(job, expected, PipelineLauncher.launch(job, args.toArray(String[]::new)));
    }

    /** Waits until every replayed record was parsed or dead-lettered, then for the last windows. */
    void awaitDrained(Duration timeout) throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (read() < expected) {
        if (System.nanoTime() > deadline) {
          throw new IllegalStateException(
              job.defaults().name() + " read " + read() + " of " + expected + " records within " + timeout);
        }
        Thread.sleep(250);
      }
    }

    long read() {
      RunMetrics m = running.metrics();
      return m.get("parsed") + m.get("dead-lettered");
    }

    void stop(PrintStream out) {
      out.print(job.defaults().name() + " ");
      running.metrics().print(out);
      try {
        if (!running.stop(STOP_DEADLINE)) {
          out.println(job.defaults().name() + ": did not stop within " + STOP_DEADLINE.toSeconds() + " s");
        }
      } catch (RuntimeException e) {
        out.println(job.defaults().name() + ": cancel failed: " + e.getMessage());
      }
    }
  }
}
