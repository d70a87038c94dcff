package dev.beamkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamkit.localstack.LocalStack;
import dev.beamkit.pipelines.events.EventCounts;
import dev.beamkit.pipelines.events.SkipCountedByEarlierLaunches;
import dev.beamkit.pipelines.redis.CountedOffsets;
import dev.beamkit.pipelines.runtime.RunMetrics;
import dev.beamkit.pipelines.runtime.RunningJob;
import dev.beamkit.transforms.BeamkitMetrics;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.RecordsToDelete;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import redis.clients.jedis.Jedis;

/**
 * event-counts launched again after Kafka's retention deleted the early records of its input: the
 * Redis counts stay the truth over every event ever sent, because Redis keeps, beside each count,
 * the offsets earlier launches counted ({@link CountedOffsets}); the new launch skips those and
 * adds the rest. The events of the second launch are hours older than the first's — an event is
 * never too late for the count since the start — and reading everything once more under a new
 * consumer group adds nothing.
 */
class EventCountsRetentionIT {
  /** 2024-03-01 12:00:00 UTC; event i is i/3 s later. */
  private static final Instant START = Instant.parse("2024-03-01T12:00:00Z");

  private static final int FIRST_RUN = 150;
  private static final int SECOND_RUN = 150;
  private static final int PARTITIONS = 2;

  private final LocalStack stack = LocalStack.shared();

  @ParameterizedTest(name = "{0}")
  @EnumSource(value = RunnerTarget.class, names = {"DIRECT", "FLINK_LOCAL"})
  void countsStayTrueAfterRetentionDeletedTheEarlyRecords(RunnerTarget target) throws Exception {
    String in = Topics.unique("user-events");
    String prefix = Topics.unique("events") + ":";
    stack.kafka().createTopic(in, PARTITIONS);
    UserEvents.send(stack.bootstrapServers(), in, UserEvents.numbered(0, FIRST_RUN, EventCountsRetentionIT::time));

    try (RunningJob job = start(target, in, prefix, "first-run")) {
      awaitParsed(job, FIRST_RUN);
      awaitCounts(prefix, UserEvents.counts(FIRST_RUN));
    }

    long deleted = deleteFirstHalfOfEachPartition(in);
    // Three hours before the first run's events: far behind any watermark.
    UserEvents.send(
        stack.bootstrapServers(),
        in,
        UserEvents.numbered(FIRST_RUN, SECOND_RUN, i -> time(i).minus(Duration.ofHours(3))));
    Map<String, String> truth = UserEvents.counts(FIRST_RUN + SECOND_RUN);
    long left = FIRST_RUN + SECOND_RUN - deleted;

    try (RunningJob job = start(target, in, prefix, "after-retention")) {
      awaitParsed(job, left);
      awaitCounts(prefix, truth);
      // What is left of the first run's events was skipped, not counted again.
      awaitSkipped(job, FIRST_RUN - deleted);
    }

    // The same input once more from the start, as a new consumer group reads it: nothing added.
    try (RunningJob job = start(target, in, prefix, "replay")) {
      awaitParsed(job, left);
      awaitSkipped(job, left);
      awaitWritesSettle(job);
      assertEquals(truth, EventCountsIT.redisCounts(stack, prefix), "after the replay");
    }
    System.out.printf(
        "EventCountsRetentionIT %s: %d of %d events deleted before the second launch, counts %s%n",
        target, deleted, FIRST_RUN + SECOND_RUN, truth);
    deleteCountedOffsets(prefix, truth);
  }

  private static Instant time(int i) {
    return START.plusMillis(i * 1000L / 3);
  }

  private RunningJob start(RunnerTarget target, String in, String prefix, String group) throws Exception {
    return target.start(
        new EventCounts(),
        "--bootstrapServers=" + stack.bootstrapServers(),
        "--redisUri=" + stack.redisUri(),
        "--inputTopic=" + in,
        "--deadLetterTopic=" + in + "-dead-letters",
        "--consumerGroup=" + Topics.unique(group),
        "--keyPrefix=" + prefix);
  }

  /**
   * What retention does to a partition's oldest segments: the records before half its end offset
   * are gone, in every partition. Returns how many records were deleted.
   */
  private long deleteFirstHalfOfEachPartition(String topic) throws Exception {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, stack.bootstrapServers());
    try (Admin admin = Admin.create(props)) {
      Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
      for (int p = 0; p < PARTITIONS; p++) {
        ends.put(new TopicPartition(topic, p), OffsetSpec.latest());
      }
      Map<TopicPartition, RecordsToDelete> deletions = new HashMap<>();
      long deleted = 0;
      for (var end : admin.listOffsets(ends).all().get().entrySet()) {
        long half = end.getValue().offset() / 2;
        deletions.put(end.getKey(), RecordsToDelete.beforeOffset(half));
        deleted += half;
      }
      admin.deleteRecords(deletions).all().get();
      return deleted;
    }
  }

  /** The shared Redis serves later tests: the counts' hashes go with this test. */
  private void deleteCountedOffsets(String prefix, Map<String, String> counts) {
    try (Jedis jedis = new Jedis(URI.create(stack.redisUri()))) {
      counts.keySet().forEach(type -> jedis.del(prefix + type, CountedOffsets.hashOf(prefix + type)));
    }
  }

  private static void awaitParsed(RunningJob job, long n) throws InterruptedException {
    Await.until(
        "all " + n + " events parsed", Await.PATIENCE, () -> job.metrics().get(BeamkitMetrics.PARSED) == n);
  }

  private static void awaitSkipped(RunningJob job, long n) throws InterruptedException {
    Await.until(
        n + " events skipped as counted by an earlier launch",
        Await.PATIENCE,
        () -> job.metrics().get(SkipCountedByEarlierLaunches.SKIPPED) == n);
  }

  private void awaitCounts(String prefix, Map<String, String> expected) throws InterruptedException {
    Await.until(
        "Redis counts " + expected, Await.PATIENCE, () -> expected.equals(EventCountsIT.redisCounts(stack, prefix)));
  }

  /**
   * Until the job's count of written panes has not moved for 3 s: the replay's panes, which must
   * change nothing, have all been written.
   */
  private static void awaitWritesSettle(RunningJob job) throws InterruptedException {
    AtomicLong last = new AtomicLong(-1);
    AtomicLong since = new AtomicLong(System.nanoTime());
    Await.until(
        "the replay's writes to settle",
        Await.PATIENCE,
        () -> {
          RunMetrics metrics = job.metrics();
          long written = metrics.get(BeamkitMetrics.WRITTEN);
          if (written != last.getAndSet(written)) {
            since.set(System.nanoTime());
            return false;
          }
          return System.nanoTime() - since.get() > Duration.ofSeconds(3).toNanos();
        });
  }
}
