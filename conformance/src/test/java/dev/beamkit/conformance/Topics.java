package dev.beamkit.conformance;

import dev.beamkit.localstack.KafkaBroker;
import dev.beamkit.localstack.LocalStack;
import dev.beamkit.pipelines.replay.KafkaReplayer;
import dev.beamkit.pipelines.replay.ReplayRecord;
import java.util.List;
import java.util.UUID;

/** Fresh topic names per test on the shared broker, and a quiet way to fill them. */
public final class Topics {
  private Topics() {}

  /** A topic name no other test uses: {@code base-<random>}. */
  public static String unique(String base) {
    return base + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  /** Creates {@code topic} with {@code partitions} and writes {@code records} to it in order. */
  public static void fill(LocalStack stack, String topic, int partitions, List<ReplayRecord> records)
      throws InterruptedException {
    fill(stack.kafka(), topic, partitions, records);
  }

  /** The same on {@code kafka}, through its PLAINTEXT listener. */
  public static void fill(KafkaBroker kafka, String topic, int partitions, List<ReplayRecord> records)
      throws InterruptedException {
    kafka.createTopic(topic, partitions);
    try (KafkaReplayer replayer = new KafkaReplayer(kafka.bootstrapServers(), System.out)) {
      replayer.replay(topic, records.iterator(), 0);
    }
  }
}
