package dev.beamkit.benchmarks.harness;

import dev.beamkit.benchmarks.Workload;
import dev.beamkit.pipelines.replay.ReplayRecord;
import java.util.Iterator;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes a workload into the input topic once per benchmark run, before any implementation starts,
 * so every Kafka-mode run reads the very same log. Keys go through the default partitioner (all
 * readings of a sensor in one partition, in event-time order); record timestamps are event times.
 */
public final class Preloader {
  private Preloader() {}

  /** How long the preload took. */
  public record Throughput(long records, long millis) {
    public double recordsPerSecond() {
      return millis <= 0 ? 0 : records * 1000.0 / millis;
    }
  }

  /** Writes every record of {@code workload} to {@code topic} and waits until all are acknowledged. */
  public static Throughput preload(String bootstrapServers, String topic, Workload workload) {
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    // Throughput over durability: one broker, and a failed send fails the whole benchmark.
    p.put(ProducerConfig.ACKS_CONFIG, "1");
    p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, false);
    p.put(ProducerConfig.LINGER_MS_CONFIG, 20);
    p.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    p.put(ProducerConfig.COMPRESSION_TYPE_CONFIG, "none");
    long started = System.currentTimeMillis();
    long records = 0;
    AtomicReference<Exception> firstError = new AtomicReference<>();
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (Iterator<ReplayRecord> it = workload.records(); it.hasNext(); ) {
        ReplayRecord r = it.next();
        producer.send(
            new ProducerRecord<>(topic, null, r.timestampMillis(), r.key(), r.value()),
            (metadata, error) -> {
              if (error != null) {
                firstError.compareAndSet(null, error);
              }
            });
        records++;
      }
      producer.flush();
    }
    if (firstError.get() != null) {
      throw new IllegalStateException("preloading " + topic + " failed", firstError.get());
    }
    return new Throughput(records, System.currentTimeMillis() - started);
  }
}
