package dev.beamkit.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClusterStartFailureTest {

  @TempDir Path workDir;

  @Test
  void restPortTakenFailsWithTheLogTailAndLeavesNoJvm() throws Exception {
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));

      ServerStartException e =
          assertThrows(
              ServerStartException.class,
              () ->
                  FlinkCluster.builder()
                      .restPort(taken.getLocalPort())
                      .workDirectory(workDir)
                      // Far beyond the few seconds the JobManager takes to give up and exit.
                      .startTimeout(Duration.ofSeconds(90))
                      .start());

      assertTrue(
          e.getMessage().startsWith("Flink JobManager exited with code 1 before it was ready (pid "),
          e.getMessage());
      assertTrue(e.getMessage().contains("--- last lines of " + workDir), e.getMessage());
      assertTrue(e.getMessage().contains("BindException"), e.getMessage());
      assertEquals(List.of(), clusterJvmsUsing(workDir));
      assertTrue(Files.exists(workDir.resolve(FlinkCluster.JOBMANAGER_LOG)), "log kept");
      assertFalse(Files.exists(workDir.resolve(WorkDirectory.SCRATCH)), "scratch deleted");
    }
  }

  /** Flink JVMs of this machine whose command line names {@code dir}: none may survive. */
  private static List<Long> clusterJvmsUsing(Path dir) {
    try (Stream<ProcessHandle> all = ProcessHandle.allProcesses()) {
      return all.filter(
              p ->
                  JvmLauncher.runs(p, FlinkCluster.JOBMANAGER_CLASS)
                      || JvmLauncher.runs(p, FlinkCluster.TASKMANAGER_CLASS))
          .filter(p -> p.info().commandLine().orElse("").contains(dir.toString()))
          .map(ProcessHandle::pid)
          .collect(Collectors.toList());
    }
  }
}
