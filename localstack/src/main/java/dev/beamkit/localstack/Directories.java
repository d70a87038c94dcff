package dev.beamkit.localstack;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/** Creates and removes the working directories of the local servers. */
final class Directories {

  private Directories() {}

  /** Creates a fresh directory under java.io.tmpdir whose name starts with {@code prefix}. */
  static Path createTemp(String prefix) {
    try {
      return Files.createTempDirectory(prefix);
    } catch (IOException e) {
      throw new UncheckedIOException("could not create a temporary directory", e);
    }
  }

  /** Creates {@code dir} and its parents if needed and returns its absolute form. */
  static Path create(Path dir) {
    try {
      return Files.createDirectories(dir.toAbsolutePath());
    } catch (IOException e) {
      throw new UncheckedIOException("could not create directory " + dir, e);
    }
  }

  /**
   * Deletes {@code dir} and everything below it; a missing directory is not an error. Symbolic
   * links are deleted, never followed (a stand-in SPARK_HOME links to jars in the local Maven
   * repository, which must survive), and files that a server removes meanwhile are skipped.
   */
  static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try {
      Files.walkFileTree(
          dir,
          new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs)
                throws IOException {
              Files.deleteIfExists(file);
              return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
              if (e instanceof NoSuchFileException) {
                return FileVisitResult.CONTINUE;
              }
              throw e;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
              Files.deleteIfExists(d);
              return FileVisitResult.CONTINUE;
            }
          });
    } catch (IOException e) {
      throw new UncheckedIOException("could not delete " + dir, e);
    }
  }

  /**
   * What closing a server does with its directory {@code dir}: deletes it when it is a temporary
   * one, keeps it when the caller gave it.
   */
  static Runnable deleteOnClose(Path dir, boolean temporary) {
    return temporary ? () -> deleteRecursively(dir) : () -> {};
  }
}
