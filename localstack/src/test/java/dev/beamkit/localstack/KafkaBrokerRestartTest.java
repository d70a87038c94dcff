package dev.beamkit.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A broker stopped and started again on the same ports and data directory, as an operator
 * restarts one: it comes back with its topics and records (fault tests rely on this).
 */
class KafkaBrokerRestartTest {
  @TempDir Path dataDir;

  @Test
  void comesBackWithItsTopicsAndRecords() throws Exception {
    int port = freePort();
    int controllerPort = freePort();
    String topic = "restart-" + UUID.randomUUID();
    KafkaBroker.Builder builder = KafkaBroker.builder().port(port).controllerPort(controllerPort).dataDir(dataDir);
    try (KafkaBroker first = builder.start()) {
      first.createTopic(topic, 1);
      try (KafkaProducer<String, String> producer = new KafkaProducer<>(producerConfig(first))) {
        producer.send(new ProducerRecord<>(topic, "k", "before the restart")).get();
      }
    }
    try (KafkaBroker second = builder.start()) {
      assertEquals(port, second.port());
      assertEquals(List.of("before the restart"), readAll(second, topic));
    }
  }

  private static Map<String, Object> producerConfig(KafkaBroker broker) {
    return Map.of(
        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
        ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
        ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
  }

  private static List<String> readAll(KafkaBroker broker, String topic) {
    Map<String, Object> config =
        Map.of(
            ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.bootstrapServers(),
            ConsumerConfig.GROUP_ID_CONFIG, "restart-reader",
            ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class);
    List<String> values = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(config)) {
      consumer.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (values.isEmpty() && System.nanoTime() < deadline) {
        consumer.poll(Duration.ofMillis(500)).forEach(r -> values.add(r.value()));
      }
    }
    return values;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    }
  }
}
