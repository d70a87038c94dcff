package dev.beamkit.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;

/**
 * The bundled job jar of the active runner profile holds what a job runs and nothing of the test
 * servers or test libraries: a cluster is given this jar with every job ({@code --filesToStage}).
 * The demo's local Kafka and Redis belong to beamkit-cli.
 */
class BundledJarContentsIT {
  /** Entry name prefixes, and a file name part, that must never be bundled. */
  private static final List<String> FORBIDDEN_PREFIXES =
      List.of("dev/beamkit/localstack/", "org/junit/", "junit/", "org/hamcrest/", "org/opentest4j/");

  private static final String REDIS_SERVER_BINARY = "redis-server";

  @Test
  void holdsTheJobsAndNoTestServerOrTestLibrary() throws IOException {
    Path jar = Path.of(System.getProperty("beamkit.bundledJar", "(beamkit.bundledJar not set)"));
    assertTrue(Files.isRegularFile(jar), jar + " was not built (is -Dbeamkit.bundle.skip=true set?)");
    try (JarFile file = new JarFile(jar.toFile())) {
      List<String> names = file.stream().map(ZipEntry::getName).toList();
      assertTrue(names.contains("dev/beamkit/pipelines/Beamkit.class"), jar + " lacks the job launcher");
      List<String> forbidden =
          names.stream()
              .filter(name -> FORBIDDEN_PREFIXES.stream().anyMatch(name::startsWith) || name.contains(REDIS_SERVER_BINARY))
              .limit(10)
              .toList();
      assertEquals(List.of(), forbidden, jar + " bundles test servers or test libraries");
    }
  }
}
