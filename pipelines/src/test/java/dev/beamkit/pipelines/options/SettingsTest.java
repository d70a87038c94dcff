package dev.beamkit.pipelines.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamkit.pipelines.sensors.SensorDownsample;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.joda.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SettingsTest {

  private static Settings settings(String... args) {
    return Settings.of(
        PipelineOptionsFactory.fromArgs(args).as(BeamkitOptions.class), SensorDownsample.DEFAULTS);
  }

  @Test
  void defaultsComeFromThePipelineWhenNoOptionIsGiven() {
    Settings s = settings();
    assertEquals("raw-temp-data", s.inputTopic());
    assertEquals("agg-temperature", s.outputTopic());
    assertEquals("raw-temp-data-dead-letters", s.deadLetterTopic());
    assertEquals("beamkit-sensor-downsample", s.consumerGroup());
    assertEquals(Sink.KAFKA, s.sink());
    assertEquals(Duration.standardSeconds(10), s.windowSize());
    assertEquals(Duration.standardSeconds(1), s.allowedLateness());
    assertEquals(WindowEngine.BEAM, s.windowEngine());
    assertTrue(s.startFromEarliest());
  }

  @Test
  void givenOptionsWinOverDefaults() {
    Settings s =
        settings(
            "--inputTopic=in",
            "--sink=REDIS",
            "--windowSize=PT1M",
            "--allowedLateness=500ms",
            "--startFrom=latest",
            "--windowEngine=Stateful",
            "--redisUri=redis://bob:secret@localhost:7000/3");
    assertEquals("in", s.inputTopic());
    assertEquals(Sink.REDIS, s.sink());
    assertEquals(Duration.standardMinutes(1), s.windowSize());
    assertEquals(Duration.millis(500), s.allowedLateness());
    assertFalse(s.startFromEarliest());
    assertEquals(WindowEngine.STATEFUL, s.windowEngine());
    assertEquals(3, s.redisUri().database());
    assertEquals("bob", s.redisUri().user());
  }

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "--windowSize=ten      | --windowSize=ten: not a duration",
        "--windowSize=0s       | --windowSize=0s: must be longer than zero",
        "--allowedLateness=-1s | --allowedLateness=-1s: must not be negative",
        "--sink=file           | --sink=file: must be kafka or redis",
        "--windowEngine=fast   | --windowEngine=fast: must be beam or stateful",
        "--startFrom=middle    | --startFrom=middle: must be earliest or latest",
        "--timestampZone=Mars/Olympus | --timestampZone=Mars/Olympus: not a time zone",
        "--timestampFormat=yyyy | --timestampFormat=yyyy:",
        "--redisUri=http://x:1 | --redisUri=http://x:1: scheme must be redis:// or rediss://",
        "--bootstrapServers=localhost | --bootstrapServers=localhost: must be host:port",
      })
  void aBadValueIsOneLineNamingTheOption(String arg, String expectedStart) {
    OptionError e = assertThrows(OptionError.class, () -> settings(arg));
    assertTrue(e.getMessage().startsWith(expectedStart.trim()), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }
}
