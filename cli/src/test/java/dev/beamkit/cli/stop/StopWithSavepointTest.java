package dev.beamkit.cli.stop;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamkit.cli.Cli;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** {@code bin/beamkit stop} against a cluster that is not there: one line, exit 1, no stack trace. */
class StopWithSavepointTest {
  @Test
  void anUnreachableClusterIsOneLine() throws IOException {
    int closedPort;
    try (ServerSocket socket = new ServerSocket(0)) {
      closedPort = socket.getLocalPort();
    }
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream original = System.err;
    System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit =
          Cli.execute(
              new StopWithSavepoint(),
              "--flinkMaster=127.0.0.1:" + closedPort,
              "--jobName=sensors",
              "--savepoint=/tmp/savepoints");
    } finally {
      System.setErr(original);
    }
    assertEquals(1, exit);
    assertEquals(
        "stop: cannot read http://127.0.0.1:" + closedPort + "/jobs/overview: ConnectException\n",
        err.toString(StandardCharsets.UTF_8));
  }
}
