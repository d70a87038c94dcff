package dev.beamkit.conformance;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamkit.localstack.LocalStack;
import dev.beamkit.pipelines.BeamkitPipeline;
import dev.beamkit.pipelines.events.EventCounts;
import dev.beamkit.pipelines.events.EventCountsSql;
import dev.beamkit.pipelines.replay.ReplayRecord;
import dev.beamkit.pipelines.replay.TestdataFile;
import dev.beamkit.pipelines.runtime.RunningJob;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * event-counts-sql beside event-counts on each runner target: both read the same Kafka topic of
 * testdata/user-events.jsonl into Redis under prefixes of their own, and with its default query
 * the SQL view leaves exactly event-counts' keys and values. Another query with a key template
 * gives its own groups under its own keys.
 */
class EventCountsSqlIT {
  private final LocalStack stack = LocalStack.shared();

  /** Runs {@code pipeline} until Redis holds {@code expected} under {@code prefix}. */
  private Map<String, String> runUntilCounted(
      RunnerTarget target,
      BeamkitPipeline<?, ?> pipeline,
      String topic,
      String prefix,
      Map<String, String> expected,
      String... options)
      throws InterruptedException {
    List<String> args =
        new ArrayList<>(
            List.of(
                "--bootstrapServers=" + stack.bootstrapServers(),
                "--redisUri=" + stack.redisUri(),
                "--inputTopic=" + topic,
                "--consumerGroup=" + Topics.unique(pipeline.defaults().name()),
                "--keyPrefix=" + prefix));
    args.addAll(List.of(options));
    try (RunningJob job = target.start(pipeline, args.toArray(new String[0]))) {
      Await.until(
          pipeline.defaults().name() + ": Redis counts " + expected,
          Await.PATIENCE,
          () -> expected.equals(EventCountsIT.redisCounts(stack, prefix)));
      // Panes still in flight must not move a value.
      Thread.sleep(2000);
      return EventCountsIT.redisCounts(stack, prefix);
    }
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("dev.beamkit.conformance.RunnerTarget#all")
  void theDefaultQueryLeavesExactlyEventCountsRedisContents(RunnerTarget target) throws Exception {
    String topic = Topics.unique("user-events");
    List<ReplayRecord> records = TestdataFile.read(EventCountsIT.EVENTS, null);
    Topics.fill(stack, topic, 1, records);
    Map<String, String> expected = EventCountsIT.expectedCounts();

    Map<String, String> classic =
        runUntilCounted(target, new EventCounts(), topic, Topics.unique("events") + ":", expected);
    Map<String, String> sql =
        runUntilCounted(target, new EventCountsSql(), topic, Topics.unique("events-sql") + ":", expected);
    assertEquals(classic, sql);
    assertEquals(expected, sql);
  }

  @Test
  void aQueryPerPageWithAKeyTemplateOnTheDirectRunner() throws Exception {
    String topic = Topics.unique("user-events");
    Topics.fill(stack, topic, 1, TestdataFile.read(EventCountsIT.EVENTS, null));
    String prefix = Topics.unique("pages") + ":";
    runUntilCounted(
        RunnerTarget.DIRECT,
        new EventCountsSql(),
        topic,
        prefix,
        EventCountsIT.expectedCounts("page"),
        "--query=SELECT page, COUNT(*) AS views FROM user_events GROUP BY page",
        "--keyTemplate=" + prefix + "{page}");
  }
}
