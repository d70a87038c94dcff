package dev.beamkit.clusters;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LogTailTest {

  @TempDir Path dir;

  @Test
  void currentRunStartsAtTheLatestLaunchHeader() throws Exception {
    Path log = dir.resolve("daemon.log");
    Files.writeString(
        log,
        "=== 2024-01-01T00:00:00Z java Old\n"
            + "Exception in thread \"main\" java.net.BindException\n"
            + "=== 2024-01-02T00:00:00Z java New\n"
            + "started\n");

    assertEquals(
        List.of("=== 2024-01-02T00:00:00Z java New", "started"), LogTail.currentRun(log));
  }

  @Test
  void currentRunOfAMissingLogIsEmpty() throws Exception {
    assertEquals(List.of(), LogTail.currentRun(dir.resolve("none.log")));
  }

  @Test
  void tailShowsTheLastLinesUnderATitle() throws Exception {
    Path log = dir.resolve("daemon.log");
    Files.writeString(log, "one\ntwo\nthree\n");

    String tail = LogTail.of(log, 2);

    assertEquals("--- last lines of " + log + " ---\ntwo\nthree", tail);
    assertTrue(LogTail.of(dir.resolve("none.log")).startsWith("(no log at "));
  }
}
