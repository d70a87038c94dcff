package dev.beamkit.conformance;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A sensor that reads "now": readings with the wall clock as event time, a fixed number per
 * second spread over {@code partitions} sensors (Sensor0 on partition 0, ...), each carrying its
 * sequence id as {@code value} so that a {@link SensorAudit} can find it again. Only readings
 * the broker acknowledged count as sent, so a broker outage that makes a send fail does not
 * count against the pipeline. Sends keep going while the broker is away: the producer buffers
 * them and delivers them when it is back, with their original event times, as a real sensor
 * gateway would.
 */
final class LiveReadings implements AutoCloseable {
  private static final DateTimeFormatter ISO = DateTimeFormatter.ISO_LOCAL_DATE_TIME;

  private final String bootstrapServers;
  private final String topic;
  private final int partitions;
  private final int perSecond;
  private final AtomicBoolean running = new AtomicBoolean(true);
  private final List<SensorAudit.Reading> acknowledged = new ArrayList<>();
  private final List<Exception> failures = new ArrayList<>();
  private final Thread thread;

  private LiveReadings(String bootstrapServers, String topic, int partitions, int perSecond) {
    this.bootstrapServers = bootstrapServers;
    this.topic = topic;
    this.partitions = partitions;
    this.perSecond = perSecond;
    this.thread = new Thread(this::produce, "live-readings-" + topic);
  }

  /** Starts sending {@code perSecond} readings a second to {@code topic} until closed. */
  static LiveReadings start(String bootstrapServers, String topic, int partitions, int perSecond) {
    LiveReadings readings = new LiveReadings(bootstrapServers, topic, partitions, perSecond);
    readings.thread.start();
    return readings;
  }

  private void produce() {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    // Long enough to ride out the outages the fault tests make (up to a minute).
    props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 180_000);
    props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 180_000);
    long pauseNanos = 1_000_000_000L / perSecond;
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      long next = System.nanoTime();
      for (long seq = 0; running.get(); seq++) {
        int partition = (int) (seq % partitions);
        String sensor = "Sensor" + partition;
        Instant now = Instant.now();
        String ts = LocalDateTime.ofInstant(now, ZoneOffset.UTC).format(ISO);
        SensorAudit.Reading reading = new SensorAudit.Reading(seq, sensor, now);
        producer.send(
            new ProducerRecord<>(topic, partition, sensor, "{\"ts\":\"" + ts + "\",\"value\":" + seq + "}"),
            (metadata, error) -> record(reading, error));
        next += pauseNanos;
        long sleep = next - System.nanoTime();
        if (sleep > 0) {
          Thread.sleep(sleep / 1_000_000, (int) (sleep % 1_000_000));
        }
      }
      producer.flush();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private synchronized void record(SensorAudit.Reading reading, Exception error) {
    if (error == null) {
      acknowledged.add(reading);
    } else {
      failures.add(error);
    }
  }

  /** The readings the broker acknowledged so far. */
  synchronized List<SensorAudit.Reading> acknowledged() {
    return new ArrayList<>(acknowledged);
  }

  /** Sends that failed (not counted as input); a fault test expects none. */
  synchronized List<Exception> failures() {
    return new ArrayList<>(failures);
  }

  /** Stops sending and waits until every buffered reading is acknowledged or failed. */
  @Override
  public void close() throws InterruptedException {
    running.set(false);
    thread.join();
  }
}
