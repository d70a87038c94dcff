package dev.beamkit.benchmarks.kstreams;

import dev.beamkit.benchmarks.FlushMarkers;
import dev.beamkit.benchmarks.KafkaOnlyNative;
import dev.beamkit.benchmarks.KafkaTopics;
import dev.beamkit.benchmarks.Outcome;
import dev.beamkit.benchmarks.RunContext;
import dev.beamkit.benchmarks.TempDirectories;
import dev.beamkit.benchmarks.harness.OutputTopic;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;

/**
 * {@link SensorDownsampleTopology} in a Kafka Streams client with one stream thread per unit of
 * parallelism, the native Kafka Streams baseline.
 *
 * <p>Kafka mode only. Kafka Streams has no in-memory source; {@code TopologyTestDriver} could feed
 * the topology without a broker, but it is a single-threaded test harness that skips the consumer,
 * the producer, caching and commits, so its speed would say nothing about Kafka Streams.
 *
 * <p>A Kafka Streams application never finishes by itself: the run ends when the output topic
 * holds as many results as the reference answer has (or nothing new arrives for a minute, in
 * which case the answer will not match).
 */
public final class KafkaStreamsNative extends KafkaOnlyNative {
  private static final Duration IDLE = Duration.ofMinutes(1);

  /**
   * How often the stream threads commit. A commit flushes the record caches, the only moment
   * (besides cache eviction) at which updated windows reach suppression; the default 30 s would
   * leave the last windows waiting up to 30 s after the input is read.
   */
  static final Duration COMMIT_INTERVAL = Duration.ofMillis(100);

  public KafkaStreamsNative() {
    super("kafka-streams");
  }

  @Override
  public Outcome run(RunContext context) throws Exception {
    KafkaTopics kafka = context.requireKafka();
    long deadline = System.currentTimeMillis() + context.timeout().toMillis();
    Path stateDir = Files.createTempDirectory("bench-kafka-streams");
    AtomicReference<Throwable> failure = new AtomicReference<>();
    KafkaStreams streams =
        new KafkaStreams(
            SensorDownsampleTopology.build(kafka.inputTopic(), FlushMarkers.topic(context), kafka.outputTopic()),
            config(context, stateDir));
    streams.setUncaughtExceptionHandler(
        e -> {
          failure.compareAndSet(null, e);
          return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
        });
    try {
      streams.start();
      OutputTopic.awaitCount(
          kafka.bootstrapServers(),
          kafka.outputTopic(),
          context.expectedWindows(),
          () -> failure.get() == null && streams.state().isRunningOrRebalancing(),
          IDLE,
          deadline);
    } finally {
      streams.close(Duration.ofSeconds(30));
      streams.cleanUp();
      TempDirectories.deleteRecursively(stateDir);
    }
    if (failure.get() != null) {
      throw new IllegalStateException("Kafka Streams failed", failure.get());
    }
    return Outcome.inOutputTopic();
  }

  private static Properties config(RunContext context, Path stateDir) {
    Properties p = new Properties();
    p.put(StreamsConfig.APPLICATION_ID_CONFIG, "bench-" + context.runId());
    p.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, context.requireKafka().bootstrapServers());
    p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, context.parallelism());
    p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
    p.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, COMMIT_INTERVAL.toMillis());
    return p;
  }
}
