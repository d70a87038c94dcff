package dev.beamkit.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * A stand-in for a Spark distribution's folder: {@code jars/} with a link to every jar of {@code
 * spark.classpath}. A standalone Worker builds each executor's classpath from {@code
 * $SPARK_HOME/jars/*} and refuses to launch executors without that folder.
 */
final class SparkHome {

  private SparkHome() {}

  /** Fills {@code home/jars} with links to {@code jars} and returns {@code home}. */
  static Path create(Path home, List<Path> jars) {
    Path dir = home.resolve("jars");
    try {
      Files.createDirectories(dir);
      int index = 0;
      for (Path jar : jars) {
        // The index keeps two jars with the same file name (different groupIds) apart.
        Path link = dir.resolve(String.format("%03d-%s", index++, jar.getFileName()));
        Files.deleteIfExists(link);
        Files.createSymbolicLink(link, jar);
      }
      return home;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a SPARK_HOME in " + home, e);
    }
  }
}
