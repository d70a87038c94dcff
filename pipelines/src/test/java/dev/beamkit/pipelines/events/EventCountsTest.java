package dev.beamkit.pipelines.events;

import static org.junit.Assert.assertTrue;

import dev.beamkit.transforms.RawRecord;
import dev.beamkit.transforms.Windowed;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Filter;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** event-counts' counting, as the Kafka sink gets it (per window) and with the offsets the Redis sink needs. */
@RunWith(JUnit4.class)
public class EventCountsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static RawRecord event(String time, String type, int offset) {
    String json =
        "{\"event_timestamp\":\"2024-03-01 " + time + "\",\"user\":\"u@example.com\",\"page\":\"/\",\"event\":\"" + type + "\"}";
    return RawRecord.fromLog("user-events", offset % 2, offset, null, json.getBytes(StandardCharsets.UTF_8));
  }

  private static final List<RawRecord> EVENTS =
      List.of(
          event("12:00:01", "click", 0),
          event("12:00:02", "click", 1),
          event("12:00:03", "view", 2),
          event("12:00:04", "click", 3),
          event("12:00:12", "click", 4),
          event("12:00:13", "view", 5));

  private PCollection<Windowed<KV<String, TypeCount>>> counts(EventCounts.Config config) {
    return p.apply(Create.of(EVENTS).withCoder(RawRecord.Coder.of())).apply(new EventCounts.CountEventTypes(config)).counts();
  }

  @Test
  public void perWindowCountsAreTheEventsOfEachTypeInEachWindow() {
    PCollection<String> counts =
        counts(EventCounts.Config.of(Duration.standardSeconds(10), Duration.ZERO).perWindow())
            .apply(Filter.by(Windowed::isLast))
            .apply(
                MapElements.into(TypeDescriptors.strings())
                    .via(w -> w.windowStart().toString().substring(11, 19) + " " + w.value().getKey() + "=" + w.value().getValue().count()));
    PAssert.that(counts).containsInAnyOrder("12:00:00 click=3", "12:00:00 view=1", "12:00:10 click=1", "12:00:10 view=1");
    p.run().waitUntilFinish();
  }

  @Test
  public void countsSinceTheStartCarryTheHighestOffsetOfEachPartition() {
    PCollection<String> counts =
        counts(EventCounts.Config.of(Duration.standardSeconds(10), Duration.ZERO))
            .apply(
                MapElements.into(TypeDescriptors.strings())
                    .via(w -> w.value().getKey() + "=" + w.value().getValue().count() + " " + w.value().getValue().highestOffsets()));
    // Every pane holds all events so far; the last of each type holds them all.
    PAssert.that(counts)
        .satisfies(
            panes -> {
              Set<String> seen = new HashSet<>();
              panes.forEach(seen::add);
              assertTrue(seen.toString(), seen.contains("click=4 {user-events:0=4, user-events:1=3}"));
              assertTrue(seen.toString(), seen.contains("view=2 {user-events:0=2, user-events:1=5}"));
              return null;
            });
    p.run().waitUntilFinish();
  }
}
