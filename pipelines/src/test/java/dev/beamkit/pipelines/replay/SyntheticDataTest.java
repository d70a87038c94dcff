package dev.beamkit.pipelines.replay;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.beamkit.transforms.time.EventTimeExtractor;
import dev.beamkit.transforms.time.EventTimeParser;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;

class SyntheticDataTest {
  private static final Instant START = Instant.parse("2024-03-01T12:00:00Z");

  private static List<String> take(SyntheticData.Kind kind, long seed) {
    List<String> out = new ArrayList<>();
    SyntheticData.generate(kind, 50, seed, START)
        .forEachRemaining(r -> out.add(r.timestampMillis() + " " + new String(r.value(), StandardCharsets.UTF_8)));
    return out;
  }

  @Test
  void theSameSeedGivesTheSameRecords() {
    for (SyntheticData.Kind kind : SyntheticData.Kind.values()) {
      assertEquals(take(kind, 7), take(kind, 7), kind.name());
    }
  }

  @Test
  void sensorReadingsLookLikeTheSeedProducers() throws Exception {
    ObjectMapper mapper = new ObjectMapper();
    EventTimeExtractor ts = EventTimeExtractor.field("ts", EventTimeParser.auto());
    long previous = START.toEpochMilli();
    Iterator<ReplayRecord> it = SyntheticData.generate(SyntheticData.Kind.SENSORS, 1000, 1, START);
    while (it.hasNext()) {
      ReplayRecord r = it.next();
      JsonNode value = mapper.readTree(r.value());
      assertTrue(new String(r.key(), StandardCharsets.UTF_8).matches("Sensor[1-5]"));
      assertTrue(value.get("value").asDouble() >= 0 && value.get("value").asDouble() <= 100);
      long t = ts.extractMillis(r.value());
      assertEquals(t, r.timestampMillis(), "record timestamp = payload event time");
      assertTrue(t - previous >= 0 && t - previous <= 1000, "0-1 s apart");
      previous = t;
    }
  }

  @Test
  void unknownKindIsRejected() {
    assertThrows(IllegalArgumentException.class, () -> SyntheticData.Kind.fromName("weather"));
    assertEquals(SyntheticData.Kind.USER_EVENTS, SyntheticData.Kind.fromName("user-events"));
  }
}
