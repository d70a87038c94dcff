package dev.beamkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamkit.localstack.LocalStack;
import dev.beamkit.pipelines.kafka.TopicReader;
import dev.beamkit.pipelines.runtime.RunningJob;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A 3-partition topic where partition 2 never receives a record while partitions 0 and 1 keep
 * streaming: on every runner, windows must still close by event time. With Beam's own limited-delay policy the
 * empty partition's watermark would stay at the beginning of time and no window would ever fire.
 */
class IdlePartitionIT {
  private final LocalStack stack = LocalStack.shared();

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.beamkit.conformance.RunnerTarget#all")
  void anEmptyPartitionDoesNotHoldWindowsOpen(RunnerTarget target) throws Exception {
    String in = Topics.unique("raw-temp-data");
    String out = Topics.unique("agg-temperature");
    stack.kafka().createTopic(in, 3);
    LocalDateTime start = LocalDateTime.parse("2024-03-01T12:00:00");
    AtomicBoolean producing = new AtomicBoolean(true);
    Thread producer = new Thread(() -> produce(in, start, producing), "live-sensors");

    try (RunningJob job =
        SensorJobs.start(target, stack, in, "--outputTopic=" + out, "--idleTimeout=2s")) {
      producer.start();
      ObjectMapper mapper = new ObjectMapper();
      JsonNode[] first = new JsonNode[1];
      Await.until(
          "the first window to close while partitions 0 and 1 are still live",
          Await.PATIENCE,
          () -> {
            for (ConsumerRecord<byte[], byte[]> r :
                TopicReader.readAll(stack.bootstrapServers(), out, 0, Duration.ofMillis(500), Duration.ofSeconds(5))) {
              try {
                JsonNode w = mapper.readTree(r.value());
                // The pane for the first window, once it holds data.
                if (w.get("windowStart").asLong() == start.toInstant(ZoneOffset.UTC).toEpochMilli()
                    && w.get("temperature").get("count").asLong() > 0) {
                  first[0] = w;
                }
              } catch (java.io.IOException e) {
                throw new AssertionError(e);
              }
            }
            return first[0] != null;
          });
      // The producer is still going: the window closed by event time, not because input ran dry.
      assertEquals(true, producing.get());
      assertEquals("ON_TIME", first[0].get("timing").asText());
      // Readings every 100 ms of event time, alternating partitions 0 and 1: 100 in the first 10 s,
      // Sensor1 on partition 0 with value 1, Sensor2 on partition 1 with value 2.
      assertEquals(50, first[0].get("temperature").get("count").asLong());
    } finally {
      producing.set(false);
      producer.join();
    }
  }

  /** Until told to stop: one reading per 100 ms of event time, 20 ms of wall time apart. */
  private void produce(String topic, LocalDateTime start, AtomicBoolean producing) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      for (int i = 0; producing.get() && i < 20_000; i++) {
        int partition = i % 2;
        String sensor = "Sensor" + (partition + 1);
        String ts = start.plusNanos(i * 100_000_000L).format(DateTimeFormatter.ISO_LOCAL_DATE_TIME);
        producer.send(new ProducerRecord<>(topic, partition, sensor, "{\"ts\":\"" + ts + "\",\"value\":" + (partition + 1) + "}"));
        producer.flush();
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
