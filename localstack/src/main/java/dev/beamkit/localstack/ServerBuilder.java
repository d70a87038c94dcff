package dev.beamkit.localstack;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * The settings every server's builder has, set the same way: how long {@code start()} may wait
 * for the server to get ready, and whether a JVM shutdown hook stops it.
 *
 * @param <B> the concrete builder, which every setter returns
 */
abstract class ServerBuilder<B extends ServerBuilder<B>> {
  private Duration startTimeout;
  private boolean stopOnJvmExit = true;

  ServerBuilder(Duration defaultStartTimeout) {
    this.startTimeout = defaultStartTimeout;
  }

  /**
   * How long {@code start()} waits for the server to get ready (for a cluster: for each stage)
   * before it fails with a {@link ServerStartException}; each server says its default.
   */
  public B startTimeout(Duration timeout) {
    this.startTimeout = Objects.requireNonNull(timeout, "timeout");
    return self();
  }

  /**
   * Whether a JVM shutdown hook stops the server when this JVM exits without closing it (default
   * true). The CLI turns it off so that the server outlives the command that started it.
   */
  public B stopOnJvmExit(boolean stop) {
    this.stopOnJvmExit = stop;
    return self();
  }

  /** When a start stage begun now must be ready. */
  Instant startDeadline() {
    return Instant.now().plus(startTimeout);
  }

  boolean stopsOnJvmExit() {
    return stopOnJvmExit;
  }

  @SuppressWarnings("unchecked")
  final B self() {
    return (B) this;
  }
}
