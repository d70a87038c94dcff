package dev.beamkit.benchmarks.harness;

import dev.beamkit.benchmarks.Answer;
import dev.beamkit.benchmarks.Implementation;
import dev.beamkit.benchmarks.Outcome;
import dev.beamkit.benchmarks.RunContext;

/** Runs one implementation once in this JVM and measures it. */
public final class SingleRun {
  private SingleRun() {}

  /**
   * Prepares and runs {@code impl}, watching heap and RSS during {@link Implementation#run} only,
   * then fetches its answer (from the output topic in kafka mode, outside the measurement).
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
    long finished;
    Answer answer;
    if (outcome instanceof Outcome.Computed computed) {
      finished = computed.finishedAtMillis();
      answer = computed.answer();
    } else {
      var kafka = context.requireKafka();
      OutputTopic.Contents contents = OutputTopic.readAll(kafka.bootstrapServers(), kafka.outputTopic());
      finished = contents.results().isEmpty() ? System.currentTimeMillis() : contents.lastAppendMillis();
      answer = Answer.ofWindows(contents.results());
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
        answer);
  }
}
