package dev.beamkit.transforms;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The published API seen from outside: {@code src/test/outside-project}, a user's Maven project
 * that is no part of the reactor, is built and its tests run (TestPipeline, TestStream, PAssert
 * on the DirectRunner) against the beamkit-transforms jar and pom this build just packaged. A
 * change that breaks user code (a removed or renamed public class or method, a transform made
 * package-private, a dependency the pom no longer brings) fails the outside compile or its
 * tests, and so this test.
 *
 * <p>The artifact goes into a repository under {@code target/}, laid out as {@code
 * install:install-file} would lay it out, never into the shared local repository. Everything
 * else the outside build needs comes from the build's own local repository through a {@code
 * file://} mirror, with Maven offline except for {@code file:} (no network, and nothing written
 * to the shared repository).
 */
class OutsideProjectIT {
  private static final Path MODULE = Path.of("").toAbsolutePath();
  private static final Path TARGET = MODULE.resolve("target");

  @Test
  void outsideProjectCompilesAndPassesAgainstThePackagedArtifact() throws Exception {
    String version = property("beamkit.version");
    Path repo = TARGET.resolve("outside-repo");
    Path beamkit = repo.resolve("dev/beamkit");
    deleteTree(beamkit);
    publish(beamkit.resolve("beamkit-parent/" + version), "beamkit-parent-" + version + ".pom", MODULE.resolve("../pom.xml"));
    Path artifact = beamkit.resolve("beamkit-transforms/" + version);
    publish(artifact, "beamkit-transforms-" + version + ".pom", MODULE.resolve("pom.xml"));
    publish(artifact, "beamkit-transforms-" + version + ".jar", Path.of(property("beamkit.transformsJar")));

    Path project = TARGET.resolve("outside-project");
    deleteTree(project);
    copyTree(MODULE.resolve("src/test/outside-project"), project);
    Path settings = TARGET.resolve("outside-settings.xml");
    Files.writeString(settings, mirrorSettings(Path.of(property("beamkit.localRepository"))));

    Path log = TARGET.resolve("outside-project.log");
    Process mvn =
        new ProcessBuilder(
                Path.of(property("maven.home"), "bin", "mvn").toString(),
                "-B",
                "--no-transfer-progress",
                "-o",
                "-Daether.offline.protocols=file",
                "-s",
                settings.toString(),
                "-Dmaven.repo.local=" + repo,
                "-Dbeamkit.version=" + version,
                "-f",
                project.resolve("pom.xml").toString(),
                "test")
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    if (!mvn.waitFor(10, TimeUnit.MINUTES)) {
      mvn.destroyForcibly().waitFor();
      throw new AssertionError("the outside build did not finish within 10 minutes; see " + log);
    }
    String output = Files.readString(log, StandardCharsets.UTF_8);
    assertEquals(0, mvn.exitValue(), "the outside build failed:\n" + tail(output, 60));
    Path report = project.resolve("target/surefire-reports/TEST-com.example.outside.SensorAlertsTest.xml");
    assertTrue(Files.exists(report), "no test report at " + report + ":\n" + tail(output, 60));
    String xml = Files.readString(report, StandardCharsets.UTF_8);
    assertTrue(
        xml.contains("tests=\"2\" errors=\"0\" skipped=\"0\" failures=\"0\""),
        "outside tests did not all run and pass: " + xml.substring(0, Math.min(600, xml.length())));
  }

  private static String property(String name) {
    String value = System.getProperty(name);
    if (value == null || value.isBlank()) {
      throw new IllegalStateException("system property " + name + " is not set; run through Maven (failsafe sets it)");
    }
    return value;
  }

  private static void publish(Path dir, String name, Path file) throws IOException {
    Files.createDirectories(dir);
    Files.copy(file, dir.resolve(name), StandardCopyOption.REPLACE_EXISTING);
  }

  private static String mirrorSettings(Path localRepository) {
    return "<settings><mirrors><mirror><id>build-local-repository</id><mirrorOf>*</mirrorOf><url>"
        + localRepository.toUri()
        + "</url></mirror></mirrors></settings>\n";
  }

  private static String tail(String text, int lines) {
    List<String> all = text.lines().toList();
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  private static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : (Iterable<Path>) files::iterator) {
        Path dest = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(dest);
        } else {
          Files.copy(f, dest, StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }

  private static void deleteTree(Path dir) throws IOException {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path f : (Iterable<Path>) files.sorted(Comparator.reverseOrder())::iterator) {
        Files.delete(f);
      }
    }
  }
}
