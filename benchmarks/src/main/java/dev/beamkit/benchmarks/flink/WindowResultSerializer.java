package dev.beamkit.benchmarks.flink;

import dev.beamkit.benchmarks.WindowJson;
import dev.beamkit.benchmarks.WindowResult;
import java.nio.charset.StandardCharsets;
import org.apache.flink.connector.kafka.sink.KafkaRecordSerializationSchema;
import org.apache.kafka.clients.producer.ProducerRecord;

/** A result as sensor-downsample writes it: key = sensor id, value = its JSON. */
final class WindowResultSerializer implements KafkaRecordSerializationSchema<WindowResult> {
  private static final long serialVersionUID = 1L;

  private final String topic;

  WindowResultSerializer(String topic) {
    this.topic = topic;
  }

  @Override
  public ProducerRecord<byte[], byte[]> serialize(WindowResult result, KafkaSinkContext context, Long timestamp) {
    return new ProducerRecord<>(topic, result.sensor().getBytes(StandardCharsets.UTF_8), WindowJson.write(result));
  }
}
