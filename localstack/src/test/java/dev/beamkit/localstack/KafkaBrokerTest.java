package dev.beamkit.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** One real broker for the whole class: starting one costs seconds. */
class KafkaBrokerTest {

  private static KafkaBroker kafka;

  @BeforeAll
  static void startBroker() {
    long started = System.nanoTime();
    kafka = KafkaBroker.start();
    System.out.printf(
        "Kafka ready after %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  @AfterAll
  static void stopBroker() {
    kafka.close();
  }

  @Test
  void bootstrapServersIsLoopbackAndPort() {
    assertEquals("127.0.0.1:" + kafka.port(), kafka.bootstrapServers());
  }

  @Test
  void brokerRunsInItsOwnJvm() throws Exception {
    assertNotEquals(ProcessHandle.current().pid(), kafka.pid());
    // ProcessHandle.Info.arguments() comes back empty for a command line this long; /proc has it.
    Path cmdline = Path.of("/proc", String.valueOf(kafka.pid()), "cmdline");
    List<String> arguments = List.of(Files.readString(cmdline).split("\0"));
    assertTrue(arguments.contains("kafka.Kafka"), arguments.toString());
    assertTrue(arguments.contains("-Xmx512m"), arguments.toString());
  }

  @Test
  void logFileReceivesTheBrokersLog() throws Exception {
    assertTrue(Files.readString(kafka.logFile()).contains("Kafka Server started"));
  }

  @Test
  void createTopicMakesTheRequestedPartitions() throws Exception {
    kafka.createTopic("three-partitions", 3);

    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      TopicDescription topic =
          admin.describeTopics(List.of("three-partitions")).allTopicNames().get()
              .get("three-partitions");
      assertEquals(3, topic.partitions().size());
    }
  }

  @Test
  void createTopicIsIdempotentButRefusesAnotherPartitionCount() {
    kafka.createTopic("created-twice", 2);
    kafka.createTopic("created-twice", 2);

    IllegalStateException e =
        assertThrows(IllegalStateException.class, () -> kafka.createTopic("created-twice", 5));
    assertTrue(e.getMessage().contains("2 partitions"), e.getMessage());
  }

  @Test
  void producedRecordIsConsumedBackThroughAConsumerGroup() throws Exception {
    kafka.createTopic("round-trip", 3);
    RecordMetadata sent;
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()),
            new StringSerializer(),
            new StringSerializer())) {
      sent = producer.send(new ProducerRecord<>("round-trip", 2, "Sensor1", "{\"value\":42}")).get();
    }
    assertEquals(2, sent.partition());

    List<ConsumerRecord<String, String>> received = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(
            Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, "round-trip-test",
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
            new StringDeserializer(),
            new StringDeserializer())) {
      consumer.subscribe(List.of("round-trip"));
      Instant deadline = Instant.now().plusSeconds(60);
      while (received.isEmpty() && Instant.now().isBefore(deadline)) {
        consumer.poll(Duration.ofMillis(500)).forEach(received::add);
      }
    }
    assertEquals(1, received.size());
    ConsumerRecord<String, String> record = received.get(0);
    assertEquals("Sensor1", record.key());
    assertEquals("{\"value\":42}", record.value());
    assertEquals(2, record.partition());
    assertEquals(sent.offset(), record.offset());
  }

  /** As on a production broker: a misspelt topic is an error for the writer, not a new topic. */
  @Test
  void aWriteToATopicThatDoesNotExistIsRefusedAndCreatesNothing() throws Exception {
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(
            Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 3_000),
            new StringSerializer(),
            new StringSerializer())) {
      ExecutionException refused =
          assertThrows(
              ExecutionException.class, () -> producer.send(new ProducerRecord<>("never-created", "k", "v")).get());
      assertTrue(refused.getCause() instanceof org.apache.kafka.common.errors.TimeoutException, refused.toString());
      assertTrue(refused.getCause().getMessage().contains("not present in metadata"), refused.getCause().getMessage());
    }
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
      assertFalse(admin.listTopics().names().get(30, TimeUnit.SECONDS).contains("never-created"));
    }
  }
}
