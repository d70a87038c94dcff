package dev.beamkit.cli.chart;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamkit.pipelines.replay.ReplayRecord;
import dev.beamkit.pipelines.replay.TestdataFile;
import dev.beamkit.transforms.time.EventTimeParser;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What the chart takes from the topics: the readings a run used, and each window's last pane. */
class SensorChartDataTest {
  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  void onlyTheGoodLinesOfTheBadRecordsFileAreReadings() {
    SensorChartData data = new SensorChartData(EventTimeParser.auto());
    List<ReplayRecord> records = TestdataFile.read(Path.of("../testdata/bad-records.jsonl"), null);
    records.forEach(r -> data.addReading(r.key(), r.value()));
    // The file's three "good" lines; the others are what sensor-downsample dead-letters.
    assertEquals(3, data.readingCount());
    assertEquals(records.size() - 3, data.skipped());
    assertEquals(Set.of("Sensor1", "Sensor2"), data.sensors());
    assertEquals(new SensorChartData.Reading(1_709_294_409_999L, -3), data.readings("Sensor1").get(1));
  }

  @Test
  void aLaterPaneOfAWindowReplacesTheEarlierOne() {
    SensorChartData data = new SensorChartData(EventTimeParser.auto());
    String pane =
        "{\"sensor\":\"S\",\"time\":10000,\"windowStart\":0,\"timing\":\"%s\","
            + "\"temperature\":{\"count\":%d,\"min\":1.0,\"max\":%s,\"mean\":2.0}}";
    data.addWindow(utf8(String.format(pane, "ON_TIME", 2, "3.0")));
    data.addWindow(utf8(String.format(pane, "LATE", 3, "9.0")));
    data.addWindow(utf8("not json"));
    assertEquals(1, data.windowCount());
    assertEquals(List.of(new SensorChartData.Window(0, 10000, 1.0, 2.0, 9.0)), List.copyOf(data.windows("S")));
    assertEquals(1, data.skipped());
  }
}
