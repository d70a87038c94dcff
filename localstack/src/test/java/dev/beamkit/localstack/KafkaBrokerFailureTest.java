package dev.beamkit.localstack;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class KafkaBrokerFailureTest {

  @TempDir Path logs;

  @Test
  void portInUseFailsWithTheTailOfTheBrokerLog() throws Exception {
    Path log = logs.resolve("broker.log");
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> KafkaBroker.builder().port(taken.getLocalPort()).logFile(log).start());

      assertTrue(e.getMessage().startsWith("the Kafka broker exited"), e.getMessage());
      assertTrue(e.getMessage().contains("first errors in " + log), e.getMessage());
      assertTrue(e.getMessage().contains("Address already in use"), e.getMessage());
      assertTrue(e.getMessage().contains("last lines of " + log), e.getMessage());
    }
    assertFalse(
        Files.readString(log).isEmpty(), "the log outside the data directory is kept for reading");
  }
}
