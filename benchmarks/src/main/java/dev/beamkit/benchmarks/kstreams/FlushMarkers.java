package dev.beamkit.benchmarks.kstreams;

import dev.beamkit.benchmarks.harness.TopicCreator;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;

/**
 * The end-of-input markers that let suppression write the last windows (see {@link
 * SensorDownsampleTopology}): one reading per partition, far in the future, under a key that no
 * sensor has and whose own window never closes.
 */
final class FlushMarkers {
  /** Key of the markers; filtered from the output in case a marker's window ever closed. */
  static final String KEY = "__end-of-input__";

  private static final String VALUE = "{\"ts\":\"2999-01-01T00:00:00\",\"value\":0}";

  private FlushMarkers() {}

  /** Creates {@code topic} with {@code partitions} partitions, one marker in each. */
  static void write(String bootstrapServers, String topic, int partitions) throws Exception {
    TopicCreator.create(bootstrapServers, topic, partitions, Map.of());
    Properties p = new Properties();
    p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    try (KafkaProducer<byte[], byte[]> producer =
        new KafkaProducer<>(p, new ByteArraySerializer(), new ByteArraySerializer())) {
      for (int partition = 0; partition < partitions; partition++) {
        producer
            .send(
                new ProducerRecord<>(
                    topic, partition, KEY.getBytes(StandardCharsets.UTF_8), VALUE.getBytes(StandardCharsets.UTF_8)))
            .get();
      }
    }
  }
}
