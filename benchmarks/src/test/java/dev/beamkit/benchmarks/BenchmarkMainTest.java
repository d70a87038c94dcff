package dev.beamkit.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

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

  private Path onlyRunFolder() throws Exception {
    try (Stream<Path> dirs = Files.list(results)) {
      List<Path> all = dirs.toList();
      assertEquals(1, all.size());
      return all.get(0);
    }
  }
}
