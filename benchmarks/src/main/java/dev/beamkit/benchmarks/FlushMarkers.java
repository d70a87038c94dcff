package dev.beamkit.benchmarks;

import dev.beamkit.benchmarks.harness.TopicCreator;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * End-of-input markers for engines whose event time moves only with records (Kafka Streams'
 * suppression, Spark's watermark): one reading per partition of a per-run topic, far in the
 * future, under a key that no sensor has. Read after the readings, they push event time past
 * every real window so the last windows are written; their own window never closes.
 */
public final class FlushMarkers {
  /** Key of the markers; filtered from the output in case a marker's window ever closed. */
  public static final String KEY = "__end-of-input__";

  private static final String VALUE = "{\"ts\":\"2999-01-01T00:00:00\",\"value\":0}";

  private FlushMarkers() {}

  /** The run's marker topic, beside its input topic. */
  public static String topic(RunContext context) {
    return context.requireKafka().inputTopic() + "-flush-" + context.runId();
  }

  /** Creates the run's marker topic with as many partitions as the input, one marker in each. */
  public static void write(RunContext context) throws Exception {
    KafkaTopics kafka = context.requireKafka();
    String topic = topic(context);
    TopicCreator.create(kafka.bootstrapServers(), topic, kafka.partitions(), Map.of());
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int partition = 0; partition < kafka.partitions(); partition++) {
        producer
            .send(
                new ProducerRecord<>(
                    topic, partition, KEY.getBytes(StandardCharsets.UTF_8), VALUE.getBytes(StandardCharsets.UTF_8)))
            .get();
      }
    }
  }
}
