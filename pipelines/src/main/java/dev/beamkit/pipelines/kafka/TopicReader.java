package dev.beamkit.pipelines.kafka;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * Reads everything a topic holds, from the beginning, until no new record has arrived for a
 * while: how the demo and the tests collect a pipeline's output.
 */
public final class TopicReader {
  private TopicReader() {}

  /**
   * All records of {@code topic}, read with a fresh consumer group, stopping once {@code quiet}
   * passes without a new record (and never before {@code atLeast} records, unless {@code
   * deadline} passes first).
   */
  public static List<ConsumerRecord<byte[], byte[]>> readAll(
      String bootstrapServers, String topic, int atLeast, Duration quiet, Duration deadline) {
    return read(bootstrapServers, topic, atLeast, quiet, deadline, "read_uncommitted");
  }

  /**
   * {@link #readAll} as a downstream consumer of an exactly-once sink reads: with {@code
   * isolation.level=read_committed}, so records of transactions that were aborted, or are still
   * open, are not seen.
   */
  public static List<ConsumerRecord<byte[], byte[]>> readCommitted(
      String bootstrapServers, String topic, int atLeast, Duration quiet, Duration deadline) {
    return read(bootstrapServers, topic, atLeast, quiet, deadline, "read_committed");
  }

  private static List<ConsumerRecord<byte[], byte[]>> read(
      String bootstrapServers, String topic, int atLeast, Duration quiet, Duration deadline, String isolation) {
    Properties props = new Properties();
    props.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, isolation);
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "beamkit-reader-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
    List<ConsumerRecord<byte[], byte[]>> records = new ArrayList<>();
    try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(props)) {
      consumer.subscribe(List.of(topic));
      long end = System.nanoTime() + deadline.toNanos();
      long lastNew = System.nanoTime();
      while (System.nanoTime() < end) {
        int before = records.size();
        consumer.poll(Duration.ofMillis(200)).forEach(records::add);
        long now = System.nanoTime();
        if (records.size() > before) {
          lastNew = now;
        } else if (records.size() >= atLeast && now - lastNew >= quiet.toNanos()) {
          break;
        }
      }
    }
    return records;
  }
}
