package dev.beamkit.clusters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClustersCliTest {

  @TempDir Path stateDir;

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @AfterEach
  void stopWhateverATestLeftRunning() {
    ClustersCli.run(
        new String[] {"stop", "all", "--state-dir", stateDir.toString()},
        new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(new ByteArrayOutputStream()));
  }

  @Test
  void unknownOptionIsNamedOnOneLineWithExitCode2() {
    int code = run("status", "flink", "--frobnicate");

    assertEquals(2, code);
    assertEquals("clusters: unknown option '--frobnicate'\n", err());
    assertEquals("", out());
  }

  @Test
  void unknownClusterAndCommandAreNamedWithExitCode2() {
    assertEquals(2, run("start", "storm"));
    assertEquals(2, run("restart", "flink"));

    String[] lines = err().split("\n");
    assertEquals(2, lines.length);
    assertTrue(lines[0].contains("'storm'"), lines[0]);
    assertTrue(lines[1].contains("'restart'"), lines[1]);
  }

  @Test
  void statusOfANeverStartedClusterIsNotRunningWithExitCode3() {
    assertEquals(3, run("status", "all", "--state-dir=" + stateDir));
    assertEquals("flink: not running\nspark: not running\n", out());
  }

  @Test
  void flinkStartStatusStopRoundTrip() throws Exception {
    assertEquals(0, run("start", "flink", "--state-dir", stateDir.toString()), this::output);
    assertTrue(out().startsWith("flink: started rest=127.0.0.1:"), out());
    ClusterState state = ClusterState.read(stateDir, "flink").orElseThrow();
    long pid = state.processes().keySet().iterator().next();
    assertFalse(ProcessStats.isGone(pid));
    // The cluster outlives the command: nothing in this JVM holds or hooks it.
    assertEquals(1, state.liveProcesses().size());

    out.reset();
    assertEquals(0, run("status", "flink", "--state-dir", stateDir.toString()), this::output);
    assertTrue(out().startsWith("flink: running rest=127.0.0.1:"), out());

    out.reset();
    assertEquals(0, run("start", "flink", "--state-dir", stateDir.toString()), this::output);
    assertTrue(out().startsWith("flink: already running"), out());

    out.reset();
    assertEquals(0, run("stop", "flink", "--state-dir", stateDir.toString()), this::output);
    assertTrue(out().startsWith("flink: stopped pids [" + pid + "]"), out());
    assertTrue(ProcessStats.isGone(pid), "cluster JVM " + pid + " still alive");
    assertFalse(Files.exists(ClusterState.file(stateDir, "flink")));
    assertTrue(Files.exists(stateDir.resolve("flink").resolve(FlinkCluster.LOG_NAME)), "log kept");
    assertFalse(Files.exists(stateDir.resolve("flink").resolve("scratch")), "scratch deleted");

    out.reset();
    assertEquals(3, run("status", "flink", "--state-dir", stateDir.toString()));
    assertEquals("flink: not running\n", out());
  }

  private int run(String... args) {
    return ClustersCli.run(
        args,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  private String output() {
    return "out: " + out() + "\nerr: " + err();
  }
}
