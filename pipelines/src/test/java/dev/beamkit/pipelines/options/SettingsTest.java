package dev.beamkit.pipelines.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamkit.pipelines.sensors.SensorDownsample;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.Set;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.util.SerializableUtils;
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
    assertFalse(s.exactlyOnce());
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
    assertEquals(3, s.redis().uri().database());
    assertEquals("bob", s.redis().uri().user());
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
        "--exactlyOnce         | --exactlyOnce=true: not on DirectRunner: it keeps no checkpoint",
      })
  void aBadValueIsOneLineNamingTheOption(String arg, String expectedStart) {
    OptionError e = assertThrows(OptionError.class, () -> settings(arg));
    assertTrue(e.getMessage().startsWith(expectedStart.trim()), e.getMessage());
    assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
  }

  @Test
  void aPasswordInTheRedisUriMovesToAPrivateFileAndLeavesTheOptions() throws Exception {
    BeamkitOptions options =
        PipelineOptionsFactory.fromArgs("--redisUri=rediss://bob:canary-9f3@localhost:7000/3").as(BeamkitOptions.class);
    Settings s = Settings.of(options, SensorDownsample.DEFAULTS);
    assertEquals("rediss://bob:@localhost:7000/3", options.getRedisUri());
    Path file = Path.of(options.getRedisPasswordFile());
    assertEquals("canary-9f3", Files.readString(file));
    assertEquals(Set.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE), Files.getPosixFilePermissions(file));
    assertEquals("bob", s.redis().uri().user());
    assertEquals(null, s.redis().uri().password());
    assertFalse(new String(SerializableUtils.serializeToByteArray(s.redis())).contains("canary-9f3"));
    // Settings built again from the same options (the launcher does) keep the same file.
    Settings.of(options, SensorDownsample.DEFAULTS);
    assertEquals(file.toString(), options.getRedisPasswordFile());
  }

  @Test
  void aBadRedisUriIsReportedWithoutItsPassword() {
    OptionError e = assertThrows(OptionError.class, () -> settings("--redisUri=redis://bob:canary-7c1@host:1/db"));
    assertEquals("--redisUri=redis://bob:***@host:1/db: database must be a number, e.g. redis://host:6379/0", e.getMessage());
  }

  @Test
  void aPasswordInBothTheUriAndAFileIsRefused() {
    OptionError e =
        assertThrows(
            OptionError.class,
            () -> settings("--redisUri=redis://bob:canary-2b@host:1", "--redisPasswordFile=/run/secrets/redis"));
    assertEquals("--redisUri=redis://bob:***@host:1/0: holds a password and so does --redisPasswordFile; give one", e.getMessage());
  }
}
