package dev.beamkit.benchmarks.harness;

import dev.beamkit.benchmarks.WindowJson;
import dev.beamkit.benchmarks.WindowResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * A run's output topic. It is created with {@code message.timestamp.type=LogAppendTime}, so every
 * result carries the broker's clock at the moment it was written: the latest of those is when the
 * run finished, however the engine ends (a bounded Flink job returns, Kafka Streams never does).
 */
public final class OutputTopic {
  private static final Duration POLL = Duration.ofMillis(100);

  private OutputTopic() {}

  /** Creates {@code topic} with log-append timestamps. */
  public static void create(String bootstrapServers, String topic, int partitions) throws Exception {
    TopicCreator.create(
        bootstrapServers,
        topic,
        partitions,
        Map.of(TopicConfig.MESSAGE_TIMESTAMP_TYPE_CONFIG, TimestampType.LOG_APPEND_TIME.name));
  }

  /**
   * Waits until {@code topic} holds {@code expected} records, counting without parsing: how an
   * engine that never finishes on its own is known to be done.
   *
   * @param engineRunning checked between polls; once false, no more output can come
   * @return the number seen, less than {@code expected} if the engine stopped or nothing new
   *     arrived for {@code idle}
   * @throws TimeoutException if {@code deadline} (epoch millis) passes first
   */
  public static long awaitCount(
      String bootstrapServers,
      String topic,
      long expected,
      BooleanSupplier engineRunning,
      Duration idle,
      long deadline)
      throws TimeoutException {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
      consumer.assign(partitions(consumer, topic));
      consumer.seekToBeginning(consumer.assignment());
      long seen = 0;
      long lastNews = System.currentTimeMillis();
      while (seen < expected) {
        int got = consumer.poll(POLL).count();
        long now = System.currentTimeMillis();
        if (got > 0) {
          seen += got;
          lastNews = now;
        } else if (!engineRunning.getAsBoolean() || now - lastNews > idle.toMillis()) {
          return seen;
        }
        if (now > deadline) {
          throw new TimeoutException(topic + " held " + seen + " of " + expected + " results at the deadline");
        }
      }
      return seen;
    }
  }

  /** Every result in the topic and the latest log-append time among them. */
  public static Contents readAll(String bootstrapServers, String topic) {
    try (KafkaConsumer<byte[], byte[]> consumer = consumer(bootstrapServers)) {
      List<TopicPartition> partitions = partitions(consumer, topic);
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      List<WindowResult> results = new ArrayList<>();
      long lastAppend = 0;
      while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
          results.add(WindowJson.read(r.value()));
          lastAppend = Math.max(lastAppend, r.timestamp());
        }
      }
      return new Contents(results, lastAppend);
    }
  }

  /** What {@link #readAll} found. */
  public record Contents(List<WindowResult> results, long lastAppendMillis) {}

  private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
    return consumer.partitionsFor(topic).stream()
        .map(p -> new TopicPartition(topic, p.partition()))
        .toList();
  }

  private static KafkaConsumer<byte[], byte[]> consumer(String bootstrapServers) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-output-" + UUID.randomUUID());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    return new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer());
  }
}
