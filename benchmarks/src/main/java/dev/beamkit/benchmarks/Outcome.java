package dev.beamkit.benchmarks;

/**
 * How an implementation hands back its answer: computed in the process, or written to the run's
 * output topic, from which the harness reads it back after the resource measurements have stopped
 * (so reading the answer never counts against the implementation).
 */
public sealed interface Outcome {

  /** Results computed in this process; {@code finishedAtMillis} is when the last was written. */
  record Computed(long finishedAtMillis, Answer answer) implements Outcome {}

  /** Every result is in {@link KafkaTopics#outputTopic()}; it was written with log-append times. */
  record InOutputTopic() implements Outcome {}

  /** An answer computed in this process. */
  static Outcome computed(long finishedAtMillis, Answer answer) {
    return new Computed(finishedAtMillis, answer);
  }

  /** An answer left in the output topic. */
  static Outcome inOutputTopic() {
    return new InOutputTopic();
  }
}
