package dev.beamkit.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalStackCliTest {

  @TempDir Path workDir;

  /** Whatever a failed assertion left running is stopped here. */
  @AfterEach
  void stopLeftovers() {
    LocalStackCli.run(
        new String[] {"stop", "--state-dir", stateDir().toString()},
        new PrintStream(new ByteArrayOutputStream()),
        new PrintStream(new ByteArrayOutputStream()));
  }

  private Path stateDir() {
    return workDir.resolve("stack");
  }

  @Test
  void startStatusStopRoundTripInSeparateJvms() throws Exception {
    long started = System.nanoTime();
    Result start = cli("start");
    System.out.printf(
        "localstack start (CLI JVM, Redis then Kafka) took %d ms%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    assertEquals(0, start.code, start.toString());
    StackState state = StackState.read(stateDir()).orElseThrow();
    assertEquals(2, state.servers().size());
    for (StackState.Server server : state.servers()) {
      assertTrue(server.live().isPresent(), server + " should outlive the start command");
    }

    Result status = cli("status");
    assertEquals(0, status.code, status.toString());
    for (StackState.Server server : state.servers()) {
      assertTrue(status.out.contains("pid=" + server.pid()), status.out);
      assertTrue(status.out.contains("port=" + server.port()), status.out);
    }
    assertTrue(status.out.contains("running"), status.out);

    Result again = cli("start");
    assertEquals(0, again.code, again.toString());
    assertTrue(again.out.startsWith("already running"), again.out);

    Result stop = cli("stop");
    assertEquals(0, stop.code, stop.toString());
    for (StackState.Server server : state.servers()) {
      assertFalse(ProcessHandle.of(server.pid()).map(Processes::isRunning).orElse(false),
          server + " still running after stop");
    }
    assertFalse(Files.exists(stateDir()));

    Result after = cli("status");
    assertEquals(1, after.code, after.toString());
    assertTrue(after.out.startsWith("not running"), after.out);
  }

  @Test
  void stopWithNothingRunningSucceeds() {
    Result stop = inProcess("stop", "--state-dir", stateDir().toString());
    assertEquals(0, stop.code);
    assertEquals("not running\n", stop.out);
  }

  @Test
  void badOptionIsReportedInOneLineWithExitCodeTwo() {
    Result unknown = inProcess("start", "--kafka-prot", "9092");
    assertEquals(2, unknown.code);
    assertEquals("localstack: unknown option --kafka-prot\n", unknown.err);
    assertEquals("", unknown.out);

    Result notAPort = inProcess("start", "--redis-port=six");
    assertEquals(2, notAPort.code);
    assertEquals(
        "localstack: option --redis-port needs a port number from 0 to 65535, not 'six'\n",
        notAPort.err);

    Result missingValue = inProcess("start", "--kafka-port");
    assertEquals(2, missingValue.code);
    assertEquals("localstack: option --kafka-port needs a value\n", missingValue.err);

    Result portOnStop = inProcess("stop", "--kafka-port", "9092");
    assertEquals(2, portOnStop.code);
    assertTrue(portOnStop.err.contains("--kafka-port"), portOnStop.err);

    Result noCommand = inProcess();
    assertEquals(2, noCommand.code);
    assertEquals(1, noCommand.err.lines().count(), noCommand.err);
  }

  private record Result(int code, String out, String err) {}

  /** Runs the CLI in this JVM, for commands that start nothing. */
  private static Result inProcess(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        LocalStackCli.run(
            args,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    return new Result(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** Runs the CLI in a JVM of its own, as bin/localstack does, so servers must outlive it. */
  private Result cli(String command) throws IOException, InterruptedException {
    List<String> java = new ArrayList<>();
    java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    java.add("-cp");
    java.add(System.getProperty("java.class.path"));
    java.add("-Dlog4j.configuration=dev/beamkit/localstack/cli-log4j.properties");
    java.add(LocalStackCli.class.getName());
    java.add(command);
    java.add("--state-dir");
    java.add(stateDir().toString());
    Path out = workDir.resolve("cli.out");
    Path err = workDir.resolve("cli.err");
    Process process =
        new ProcessBuilder(java)
            .directory(workDir.toFile())
            .redirectOutput(out.toFile())
            .redirectError(err.toFile())
            .start();
    assertTrue(process.waitFor(180, TimeUnit.SECONDS), "CLI " + command + " did not finish");
    return new Result(process.exitValue(), Files.readString(out), Files.readString(err));
  }
}
