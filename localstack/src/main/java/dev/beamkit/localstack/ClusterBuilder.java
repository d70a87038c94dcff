package dev.beamkit.localstack;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Objects;

/**
 * A {@link ServerBuilder} for a cluster of daemon JVMs (Flink, Spark), which keeps its logs,
 * configuration and scratch data in one {@link WorkDirectory}.
 *
 * @param <B> the concrete builder, which every setter returns
 */
abstract class ClusterBuilder<B extends ClusterBuilder<B>> extends ServerBuilder<B> {
  private Path workDirectory;

  ClusterBuilder(Duration defaultStartTimeout) {
    super(defaultStartTimeout);
  }

  /**
   * Keeps the logs in {@code dir} (and configuration and scratch data in {@code dir/scratch}
   * until close) instead of a temporary directory that the cluster's {@code close()} deletes
   * whole.
   */
  public B workDirectory(Path dir) {
    this.workDirectory = Objects.requireNonNull(dir, "dir");
    return self();
  }

  /** The work directory given, or a new temporary one named {@code prefix…}. */
  WorkDirectory openWorkDirectory(String prefix) {
    return workDirectory == null ? WorkDirectory.temporary(prefix) : WorkDirectory.at(workDirectory);
  }
}
