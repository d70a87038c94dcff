package dev.beamkit.benchmarks;

import java.util.Set;

/**
 * One way of computing sensor-downsample (or, for the read limit, of only reading its input),
 * run by the harness once per mode on the same workload. Implementations are stateless; all state
 * of a run lives inside {@link #run}.
 *
 * <p>To add one (a beamkit pipeline on some runner, say): implement this interface and list it in
 * {@link Implementations}. In {@link Mode#KAFKA} read {@link KafkaTopics#inputTopic()} and write
 * sensor-downsample's JSON ({@link WindowJson}) to {@link KafkaTopics#outputTopic()}; an engine
 * that does not stop by itself can wait for {@link RunContext#expectedWindows()} results with
 * {@link dev.beamkit.benchmarks.harness.OutputTopic#awaitCount}.
 */
public interface Implementation {

  /** Name on the command line and in reports, e.g. {@code flink-native}. */
  String name();

  /** The modes it can run in. */
  Set<Mode> modes();

  /** The answer it must produce: the window results unless it only reads. */
  default Answer expected(Reference reference) {
    return reference.windows();
  }

  /** Set-up that is not part of the measured work (creating helper topics, say). */
  default void prepare(RunContext context) throws Exception {}

  /**
   * Processes the whole workload and returns once the last result has been written. The harness
   * measures wall time, heap and RSS around this call.
   */
  Outcome run(RunContext context) throws Exception;
}
