package dev.beamkit.pipelines.replay;

import java.io.PrintStream;
import java.util.Iterator;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * Writes records to a Kafka topic in order, keys, timestamps and headers as given, either as fast
 * as the broker takes them or at a fixed rate, printing progress about once a second. Every send is
 * acknowledged (acks=all, idempotent producer) before {@link #replay} returns, so a caller that
 * starts a pipeline afterwards knows the whole input is in the topic.
 */
public final class KafkaReplayer implements AutoCloseable {
  private final KafkaProducer<byte[], byte[]> producer;
  private final PrintStream progress;

  public KafkaReplayer(String bootstrapServers, PrintStream progress) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
    props.put(ProducerConfig.LINGER_MS_CONFIG, 5);
    props.put(ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class);
    this.producer = new KafkaProducer<>(props);
    this.progress = progress;
  }

  /**
   * Sends {@code records} to {@code topic}.
   *
   * @param ratePerSecond records per second, or 0 for as fast as possible
   * @return how many records were written
   */
  public long replay(String topic, Iterator<ReplayRecord> records, double ratePerSecond)
      throws InterruptedException {
    AtomicReference<Exception> failure = new AtomicReference<>();
    long start = System.nanoTime();
    long nextReport = start + TimeUnit.SECONDS.toNanos(1);
    long sent = 0;
    while (records.hasNext() && failure.get() == null) {
      ReplayRecord r = records.next();
      producer.send(
          new ProducerRecord<>(topic, null, r.timestampMillis(), r.key(), r.value(), r.headers()),
          (metadata, e) -> {
            if (e != null) {
              failure.compareAndSet(null, e);
            }
          });
      sent++;
      if (ratePerSecond > 0) {
        long due = start + (long) (sent * 1e9 / ratePerSecond);
        long wait = due - System.nanoTime();
        if (wait > 0) {
          TimeUnit.NANOSECONDS.sleep(wait);
        }
      }
      if (System.nanoTime() >= nextReport) {
        report(topic, sent, start);
        nextReport += TimeUnit.SECONDS.toNanos(1);
      }
    }
    producer.flush();
    if (failure.get() != null) {
      throw new IllegalStateException("writing to " + topic + " failed after " + sent + " records", failure.get());
    }
    report(topic, sent, start);
    return sent;
  }

  private void report(String topic, long sent, long startNanos) {
    double seconds = Math.max(1e-9, (System.nanoTime() - startNanos) / 1e9);
    progress.printf("%s: %d records (%.0f/s)%n", topic, sent, sent / seconds);
  }

  @Override
  public void close() {
    producer.close();
  }
}
