package dev.beamkit.benchmarks.readlimit;

import dev.beamkit.benchmarks.Answer;
import dev.beamkit.benchmarks.Implementation;
import dev.beamkit.benchmarks.KafkaTopics;
import dev.beamkit.benchmarks.Mode;
import dev.beamkit.benchmarks.Outcome;
import dev.beamkit.benchmarks.ReadingParser;
import dev.beamkit.benchmarks.Reference;
import dev.beamkit.benchmarks.RunContext;
import dev.beamkit.benchmarks.ScanTotals;
import dev.beamkit.pipelines.replay.ReplayRecord;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * The read limit: input decoded and parsed exactly as the native implementations do (sensor id
 * from the key, {@link ReadingParser} on the value) and nothing else — no windows, no state, no
 * output. No implementation that reads the same input can be faster.
 *
 * <p>Kafka mode: one plain {@link KafkaConsumer} loop per unit of parallelism, the topic's
 * partitions dealt out among them, each reading from the beginning to the end offsets found at
 * start. Memory mode: the generator and the parser in one thread (the generator is sequential),
 * the ceiling for in-memory runs.
 */
public final class ReadLimit implements Implementation {
  private static final Duration POLL = Duration.ofMillis(100);

  @Override
  public String name() {
    return "read-limit";
  }

  @Override
  public Set<Mode> modes() {
    return Set.of(Mode.KAFKA, Mode.MEMORY);
  }

  @Override
  public Answer expected(Reference reference) {
    return reference.scan();
  }

  @Override
  public Outcome run(RunContext context) throws Exception {
    ScanTotals totals = context.mode() == Mode.KAFKA ? readKafka(context) : readMemory(context);
    return Outcome.computed(System.currentTimeMillis(), Answer.ofScan(totals));
  }

  private static ScanTotals readMemory(RunContext context) {
    ScanTotals totals = new ScanTotals();
    for (Iterator<ReplayRecord> it = context.workload().records(); it.hasNext(); ) {
      ReplayRecord r = it.next();
      totals.add(new String(r.key(), StandardCharsets.UTF_8), ReadingParser.parse(r.value()));
    }
    return totals;
  }

  private static ScanTotals readKafka(RunContext context) throws Exception {
    KafkaTopics kafka = context.requireKafka();
    int readers = Math.min(context.parallelism(), kafka.partitions());
    List<List<TopicPartition>> shares = new ArrayList<>();
    for (int i = 0; i < readers; i++) {
      shares.add(new ArrayList<>());
    }
    for (int p = 0; p < kafka.partitions(); p++) {
      shares.get(p % readers).add(new TopicPartition(kafka.inputTopic(), p));
    }
    ExecutorService pool = Executors.newFixedThreadPool(readers);
    try {
      List<Future<ScanTotals>> parts = new ArrayList<>();
      for (List<TopicPartition> share : shares) {
        parts.add(pool.submit(() -> readToEnd(kafka.bootstrapServers(), share)));
      }
      ScanTotals totals = new ScanTotals();
      for (Future<ScanTotals> part : parts) {
        totals.addAll(part.get());
      }
      return totals;
    } finally {
      pool.shutdownNow();
    }
  }

  private static ScanTotals readToEnd(String bootstrapServers, List<TopicPartition> partitions) {
    Properties p = new Properties();
    p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    p.put(ConsumerConfig.CLIENT_ID_CONFIG, "bench-read-limit-" + UUID.randomUUID());
    p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
    ScanTotals totals = new ScanTotals();
    try (KafkaConsumer<byte[], byte[]> consumer =
        new KafkaConsumer<>(p, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
      consumer.assign(partitions);
      consumer.seekToBeginning(partitions);
      Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
      while (partitions.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
          totals.add(new String(r.key(), StandardCharsets.UTF_8), ReadingParser.parse(r.value()));
        }
      }
    }
    return totals;
  }
}
