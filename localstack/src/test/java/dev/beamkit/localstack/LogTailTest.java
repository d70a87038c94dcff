package dev.beamkit.localstack;

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

  @Test
  void explainShowsTheFirstErrorsOfTheCurrentRunWithTheLinesThatContinueThem() throws Exception {
    Path log = dir.resolve("broker.log");
    Files.writeString(
        log,
        "=== 2024-01-01T00:00:00Z java kafka.Kafka\n"
            + "[t1] ERROR an old run's failure (kafka.Kafka)\n"
            + "=== 2024-01-02T00:00:00Z java kafka.Kafka\n"
            + "[t2] INFO starting (kafka.Kafka)\n"
            + "[t3] ERROR Exiting Kafka due to fatal exception (kafka.Kafka)\n"
            + "java.net.BindException: Address already in use\n"
            + "[t4] INFO shut down (kafka.Kafka)\n");

    String text = LogTail.explain("the Kafka broker exited", log);

    assertEquals(
        "the Kafka broker exited\n--- first errors in " + log + " ---\n"
            + "[t3] ERROR Exiting Kafka due to fatal exception (kafka.Kafka)\n"
            + "java.net.BindException: Address already in use\n"
            + LogTail.of(log),
        text);
  }
}
