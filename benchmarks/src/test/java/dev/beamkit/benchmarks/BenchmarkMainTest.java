package dev.beamkit.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The harness end to end: child JVMs, preloading, verdicts and report files. */
class BenchmarkMainTest {
  @TempDir Path results;

  @Test
  void runsEachImplementationInItsOwnJvmAndReportsVerifiedFigures() throws Exception {
    // Memory mode keeps this quick; ImplementationsTest covers kafka mode and RunOneTest the
    // hand-over of the topics to the child.
    int exit =
        new CommandLine(new BenchmarkMain())
            .execute(
                "--events", "3000",
                "--impl", "read-limit",
                "--mode", "memory",
                "--jvm-args", "-Xmx256m",
                "--results-dir", results.toString());

    assertEquals(0, exit);
    Path dir = onlyRunFolder();
    List<String> csv = Files.readAllLines(dir.resolve("results.csv"));
    assertEquals(2, csv.size(), String.join("\n", csv));
    assertTrue(csv.get(1).startsWith("read-limit,memory,OK,3000,2,"), csv.get(1));
    String log = Files.readString(dir.resolve("logs").resolve("read-limit-memory.log"));
    assertTrue(log.contains("-Xmx256m") && log.contains("RunOne"), "ran in a child JVM: " + log);
    assertTrue(Files.readString(dir.resolve("results.json")).contains("\"runs\""));
  }

  @Test
  void unknownImplementationIsAnErrorBeforeAnythingRuns() {
    int exit =
        new CommandLine(new BenchmarkMain())
            .execute("--events", "10", "--impl", "no-such", "--mode", "memory", "--results-dir", results.toString());
    assertNotEquals(0, exit);
  }

  @Test
  void aModeNoneOfTheImplementationsHasIsRefusedBeforeAnythingRuns() throws Exception {
    int exit =
        new CommandLine(new BenchmarkMain())
            .execute("--events", "10", "--impl", "spark-native", "--mode", "memory", "--results-dir", results.toString());

    assertEquals(2, exit);
    try (Stream<Path> dirs = Files.list(results)) {
      assertEquals(0, dirs.count(), "no run folder");
    }
  }

  @Test
  void badSoakOptionsAreOneLineNamingTheOptionBeforeAnythingRuns() throws Exception {
    assertOneLineError("--soak", "--soak", "30", "--results-dir", results.toString());
    assertOneLineError("--soak", "--soak", "30s", "--results-dir", results.toString());
    assertOneLineError("--rate", "--soak", "3m", "--rate", "20k", "--results-dir", results.toString());
    assertOneLineError("--rate", "--soak", "3m", "--rate", "0", "--results-dir", results.toString());
    assertOneLineError("--sensors", "--soak", "3m", "--sensors", "-1", "--results-dir", results.toString());
    assertOneLineError("--rate", "--rate", "20000", "--mode", "memory", "--results-dir", results.toString());
    assertOneLineError("--soak", "--soak", "3m", "--impl", "flink-native", "--results-dir", results.toString());
    assertOneLineError("--soak", "--soak", "3m", "--impl", "beamkit-flink,beamkit-flink-stateful", "--results-dir", results.toString());
    try (Stream<Path> dirs = Files.list(results)) {
      assertEquals(0, dirs.count(), "no run folder");
    }
  }

  /** Runs the harness's command line and expects exit 2 and one line on stderr naming {@code option}. */
  private static void assertOneLineError(String option, String... args) {
    StringWriter err = new StringWriter();
    CommandLine cli = BenchmarkMain.commandLine();
    cli.setErr(new PrintWriter(err));
    PrintStream stderr = System.err;
    ByteArrayOutputStream direct = new ByteArrayOutputStream();
    System.setErr(new PrintStream(direct, true, StandardCharsets.UTF_8));
    int exit;
    try {
      exit = cli.execute(args);
    } finally {
      System.setErr(stderr);
    }
    String message = (err + direct.toString(StandardCharsets.UTF_8)).strip();
    assertEquals(2, exit, message);
    assertEquals(1, message.lines().count(), message);
    assertTrue(message.startsWith("benchmark: ") && message.contains(option), message);
  }

  private Path onlyRunFolder() throws Exception {
    try (Stream<Path> dirs = Files.list(results)) {
      List<Path> all = dirs.toList();
      assertEquals(1, all.size());
      return all.get(0);
    }
  }
}
