package dev.beamkit.benchmarks;

import java.nio.file.Path;

/**
 * How an implementation hands back its answer: computed in the process, written to a file, or
 * written to the run's output topic; files and topics are read back after the resource
 * measurements have stopped (so reading the answer never counts against the implementation).
 */
public sealed interface Outcome {

  /** Results computed in this process; {@code finishedAtMillis} is when the last was written. */
  record Computed(long finishedAtMillis, Answer answer) implements Outcome {}

  /**
   * Results written as JSON lines ({@link WindowJson}) to {@code file}, the last at {@code
   * finishedAtMillis}; the harness reads them after the measurement and deletes the file.
   */
  record InFile(long finishedAtMillis, Path file) implements Outcome {}

  /** Every result is in {@link KafkaTopics#outputTopic()}; it was written with log-append times. */
  record InOutputTopic() implements Outcome {}

  /** An answer computed in this process. */
  static Outcome computed(long finishedAtMillis, Answer answer) {
    return new Computed(finishedAtMillis, answer);
  }

  /** An answer left in a file of JSON lines, see {@link ResultLines}. */
  static Outcome inFile(long finishedAtMillis, Path file) {
    return new InFile(finishedAtMillis, file);
  }

  /** An answer left in the output topic. */
  static Outcome inOutputTopic() {
    return new InOutputTopic();
  }
}
