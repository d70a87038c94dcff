package dev.beamkit.benchmarks.harness;

import dev.beamkit.benchmarks.Implementation;
import dev.beamkit.benchmarks.Implementations;
import dev.beamkit.benchmarks.KafkaTopics;
import dev.beamkit.benchmarks.Mode;
import dev.beamkit.benchmarks.RunContext;
import dev.beamkit.benchmarks.Workload;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Entry point of a child JVM: runs one implementation in one mode, writes its {@link Measurement}
 * as JSON to {@code --result} and exits. One JVM per run keeps heap and RSS figures from mixing.
 */
@Command(name = "run-one", mixinStandardHelpOptions = true)
public final class RunOne implements Callable<Integer> {
  @Option(names = "--impl", required = true) String impl;
  @Option(names = "--mode", required = true) String mode;
  @Option(names = "--events", required = true) long events;
  @Option(names = "--seed", required = true) long seed;
  @Option(names = "--start", required = true) String start;
  @Option(names = "--parallelism", required = true) int parallelism;
  @Option(names = "--run-id", required = true) String runId;
  @Option(names = "--expected-windows", required = true) long expectedWindows;
  @Option(names = "--timeout-seconds", required = true) long timeoutSeconds;
  @Option(names = "--bootstrap-servers") String bootstrapServers;
  @Option(names = "--input-topic") String inputTopic;
  @Option(names = "--partitions") int partitions;
  @Option(names = "--output-topic") String outputTopic;
  @Option(names = "--result", required = true) Path result;

  /** The arguments that make a child JVM run {@code impl} in {@code context}. */
  static List<String> args(String impl, RunContext context, Path result) {
    List<String> a = new ArrayList<>();
    Workload w = context.workload();
    add(a, "--impl", impl);
    add(a, "--mode", context.mode().label());
    add(a, "--events", w.events());
    add(a, "--seed", w.seed());
    add(a, "--start", w.start());
    add(a, "--parallelism", context.parallelism());
    add(a, "--run-id", context.runId());
    add(a, "--expected-windows", context.expectedWindows());
    add(a, "--timeout-seconds", context.timeout().toSeconds());
    if (context.kafka() != null) {
      KafkaTopics k = context.kafka();
      add(a, "--bootstrap-servers", k.bootstrapServers());
      add(a, "--input-topic", k.inputTopic());
      add(a, "--partitions", k.partitions());
      add(a, "--output-topic", k.outputTopic());
    }
    add(a, "--result", result);
    return a;
  }

  private static void add(List<String> args, String name, Object value) {
    args.add(name);
    args.add(String.valueOf(value));
  }

  /** The run described by the parsed arguments. */
  RunContext context() {
    Mode m = Mode.fromLabel(mode);
    KafkaTopics kafka =
        m == Mode.KAFKA ? new KafkaTopics(bootstrapServers, inputTopic, partitions, outputTopic) : null;
    return new RunContext(
        runId,
        new Workload(events, seed, Instant.parse(start)),
        m,
        parallelism,
        kafka,
        expectedWindows,
        Duration.ofSeconds(timeoutSeconds));
  }

  @Override
  public Integer call() throws Exception {
    Implementation implementation = Implementations.byName(impl);
    JsonFiles.write(result, SingleRun.measure(implementation, context()));
    return 0;
  }

  public static void main(String[] args) {
    // Exit explicitly: engines leave non-daemon threads behind (Kafka Streams' cleaners, say).
    System.exit(new CommandLine(new RunOne()).execute(args));
  }
}
