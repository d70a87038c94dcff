package dev.beamkit.localstack;

import java.nio.file.Path;

/**
 * Where a cluster keeps its logs (directly inside) and its scratch data (under {@code scratch/}:
 * temp files, blobs, a Spark work dir). A temporary work directory is deleted whole on release; a
 * given one keeps its logs for a post-mortem and loses only {@code scratch/}.
 */
final class WorkDirectory {

  /** The folder below the work directory that {@link #release()} deletes. */
  static final String SCRATCH = "scratch";

  private final Path root;
  private final boolean temporary;

  private WorkDirectory(Path root, boolean temporary) {
    this.root = root;
    this.temporary = temporary;
  }

  /** A fresh directory under the system temp dir, deleted whole by {@link #release()}. */
  static WorkDirectory temporary(String prefix) {
    return new WorkDirectory(Directories.createTemp(prefix), true);
  }

  /** {@code dir} (created if missing), whose logs {@link #release()} keeps. */
  static WorkDirectory at(Path dir) {
    return new WorkDirectory(Directories.create(dir), false);
  }

  /** The path of log file {@code name}; earlier runs' content is appended to, not lost. */
  Path log(String name) {
    return root.resolve(name);
  }

  /** The scratch directory {@code name}, created if it does not exist yet. */
  Path scratch(String name) {
    return Directories.create(root.resolve(SCRATCH).resolve(name));
  }

  /** Deletes the scratch data, and for a temporary directory everything. */
  void release() {
    Directories.deleteRecursively(temporary ? root : root.resolve(SCRATCH));
  }
}
