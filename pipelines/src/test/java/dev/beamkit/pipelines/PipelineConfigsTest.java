package dev.beamkit.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamkit.pipelines.events.EventCounts;
import dev.beamkit.pipelines.events.EventCountsSql;
import dev.beamkit.pipelines.events.SqlLiveView;
import dev.beamkit.pipelines.options.BeamkitOptions;
import dev.beamkit.pipelines.options.Settings;
import dev.beamkit.pipelines.options.WindowEngine;
import dev.beamkit.pipelines.sensors.SensorDownsample;
import dev.beamkit.pipelines.words.WordCount;
import dev.beamkit.transforms.time.EventTimeExtractor;
import dev.beamkit.transforms.time.EventTimeParser;
import dev.beamkit.transforms.time.TimeFormat;
import java.time.ZoneId;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * Each pipeline's config from the options equals the one tests build from plain values, so a
 * test of the transform tests what the job runs; options that change the transform reach it; and
 * the job's source reads the event time the config's parse step reads.
 */
class PipelineConfigsTest {
  private static final Duration TEN_SECONDS = Duration.standardSeconds(10);
  private static final Duration ONE_SECOND = Duration.standardSeconds(1);

  private static <C> C config(BeamkitPipeline<C, ?> pipeline, String... args) {
    return pipeline.config(
        Settings.of(PipelineOptionsFactory.fromArgs(args).as(BeamkitOptions.class), pipeline.defaults()));
  }

  @Test
  void theOptionsDefaultsAreThePlainValuesDefaults() {
    assertEquals(SensorDownsample.Config.of(TEN_SECONDS, ONE_SECOND), config(new SensorDownsample()));
    assertEquals(WordCount.Config.of(TEN_SECONDS, ONE_SECOND), config(new WordCount()));
    EventCounts.Config counts = config(new EventCounts());
    assertEquals(EventCounts.Config.of(TEN_SECONDS, ONE_SECOND).time(), counts.time());
    assertEquals(EventCounts.Counting.SINCE_THE_START, counts.counting());
    assertEquals(EventCountsSql.Config.of(SqlLiveView.COUNT_PER_EVENT), config(new EventCountsSql()));
  }

  @Test
  void optionsThatShapeTheTransformReachIt() {
    SensorDownsample.Config sensors =
        config(new SensorDownsample(), "--windowSize=2s", "--allowedLateness=0s", "--windowEngine=stateful", "--maxFutureSkew=5m");
    assertEquals(Duration.standardSeconds(2), sensors.time().windowSize());
    assertEquals(Duration.ZERO, sensors.time().allowedLateness());
    assertEquals(WindowEngine.STATEFUL, sensors.windowEngine());
    assertEquals(Duration.standardMinutes(5), sensors.time().maxFutureSkew());

    assertFalse(config(new WordCount()).topWords());
    assertTrue(config(new WordCount(), "--topWordsTopic=top-words").topWords());

    assertEquals(EventCounts.Counting.SINCE_THE_START, config(new EventCounts()).counting());
    assertEquals(EventCounts.Counting.PER_WINDOW, config(new EventCounts(), "--sink=kafka").counting());
    // Redis counts skip what earlier launches counted under the same prefix; Kafka's windows do not.
    assertEquals("ev:", config(new EventCounts(), "--keyPrefix=ev:").guard().keyPrefix());
    assertNull(config(new EventCounts(), "--sink=kafka").guard());
    assertEquals("SELECT 1", config(new EventCountsSql(), "--query=SELECT 1").query());
    assertEquals(Duration.standardMinutes(5), config(new EventCountsSql(), "--maxFutureSkew=5m").maxFutureSkew());
  }

  @Test
  void theSourceReadsTheEventTimeTheParseStepReads() {
    EventTimeParser berlin = EventTimeParser.of(TimeFormat.SQL).withZone(ZoneId.of("Europe/Berlin"));
    String[] args = {"--timestampFormat=sql", "--timestampZone=Europe/Berlin"};

    SensorDownsample sensors = new SensorDownsample();
    SensorDownsample.Config sensorConfig = config(sensors, args);
    assertEquals(berlin, sensorConfig.time().eventTimeParser());
    assertSpec("ts", berlin, sensors.eventTime(sensorConfig));

    EventCounts events = new EventCounts();
    assertSpec("event_timestamp", berlin, events.eventTime(config(events, args)));
    EventCountsSql sql = new EventCountsSql();
    assertSpec("event_timestamp", berlin, sql.eventTime(config(sql, args)));

    // word-count's lines carry no time: the source stamps them with their Kafka timestamps.
    WordCount words = new WordCount();
    assertNull(words.eventTime(config(words, args)));
  }

  private static void assertSpec(String field, EventTimeParser parser, EventTimeExtractor spec) {
    assertEquals(field, spec.fieldName());
    assertEquals(parser, spec.parser());
  }
}
