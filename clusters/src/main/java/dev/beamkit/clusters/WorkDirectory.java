package dev.beamkit.clusters;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Where a cluster keeps its logs (directly inside) and its scratch data (under {@code scratch/}:
 * temp files, blobs, a Spark work dir). A temporary work directory is deleted whole on release; a
 * given one keeps its logs for a post-mortem and loses only {@code scratch/}.
 */
final class WorkDirectory {

  private static final String SCRATCH = "scratch";

  private final Path root;
  private final boolean temporary;

  private WorkDirectory(Path root, boolean temporary) {
    this.root = root;
    this.temporary = temporary;
  }

  /** A fresh directory under the system temp dir, deleted whole by {@link #release()}. */
  static WorkDirectory temporary(String prefix) {
    try {
      return new WorkDirectory(Files.createTempDirectory(prefix), true);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** {@code dir} (created if missing), whose logs {@link #release()} keeps. */
  static WorkDirectory at(Path dir) {
    try {
      return new WorkDirectory(Files.createDirectories(dir.toAbsolutePath()), false);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Path root() {
    return root;
  }

  /** The path of log file {@code name}; earlier runs' content is appended to, not lost. */
  Path log(String name) {
    return root.resolve(name);
  }

  /** The scratch directory {@code name}, created empty if it does not exist yet. */
  Path scratch(String name) {
    try {
      return Files.createDirectories(root.resolve(SCRATCH).resolve(name));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes the scratch data, and for a temporary directory everything. */
  void release() {
    deleteRecursively(temporary ? root : root.resolve(SCRATCH));
  }

  /**
   * Deletes {@code dir} and its content without following symbolic links (a fake SPARK_HOME links
   * to jars in the local Maven repository, which must survive).
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
                return FileVisitResult.CONTINUE; // a daemon removed it while we walked
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
      throw new UncheckedIOException("cannot delete " + dir, e);
    }
  }
}
