package dev.beamkit.benchmarks.harness;

import dev.beamkit.benchmarks.Answer;
import dev.beamkit.benchmarks.Implementation;
import dev.beamkit.benchmarks.Outcome;
import dev.beamkit.benchmarks.RunContext;
import dev.beamkit.benchmarks.WindowJson;
import dev.beamkit.benchmarks.WindowResult;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Runs one implementation once in this JVM and measures it. */
public final class SingleRun {
  private SingleRun() {}

  /**
   * Prepares and runs {@code impl}, watching heap and RSS during {@link Implementation#run} only,
   * then fetches its answer (from a results file or the output topic, outside the measurement).
   */
  public static Measurement measure(Implementation impl, RunContext context) throws Exception {
    impl.prepare(context);
    ResourceMonitor monitor = ResourceMonitor.start();
    long started = System.currentTimeMillis();
    Outcome outcome;
    try {
      outcome = impl.run(context);
    } finally {
      monitor.close();
    }
    long peakRss = ResourceMonitor.peakRssBytes();
    long cpuMillis = monitor.cpuMillisSinceStart();
    long finished;
    Answer answer;
    if (outcome instanceof Outcome.Computed computed) {
      finished = computed.finishedAtMillis();
      answer = computed.answer();
    } else if (outcome instanceof Outcome.InFile inFile) {
      finished = inFile.finishedAtMillis();
      answer = Answer.ofWindows(readLines(inFile.file()));
    } else {
      var kafka = context.requireKafka();
      OutputTopic.Contents contents = OutputTopic.readAll(kafka.bootstrapServers(), kafka.outputTopic());
      finished = contents.results().isEmpty() ? System.currentTimeMillis() : contents.lastAppendMillis();
      answer = Answer.ofWindows(contents.results());
    }
    if (finished <= 0) {
      finished = System.currentTimeMillis(); // no result at all; the answer check will say so
    }
    return new Measurement(
        impl.name(),
        context.mode().label(),
        context.workload().events(),
        context.parallelism(),
        finished - started,
        monitor.peakHeapBytes(),
        monitor.peakHeapAfterGcBytes(),
        peakRss,
        monitor.gcCountSinceStart(),
        monitor.gcMillisSinceStart(),
        cpuMillis,
        answer);
  }

  /** The results in a file of JSON lines, which is deleted once read. */
  private static List<WindowResult> readLines(Path file) throws IOException {
    List<WindowResult> results = new ArrayList<>();
    try (Stream<String> lines = Files.lines(file)) {
      lines.forEach(line -> results.add(WindowJson.read(line.getBytes(StandardCharsets.UTF_8))));
    } finally {
      Files.deleteIfExists(file);
    }
    return results;
  }
}
