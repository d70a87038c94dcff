package dev.beamkit.localstack;

/** Cleanup on a failure path that must not hide the failure that caused it. */
final class Cleanup {

  private Cleanup() {}

  /** Closes {@code server}; a failure to close is attached to {@code cause} as suppressed. */
  static void closeAfterFailure(AutoCloseable server, Throwable cause) {
    try {
      server.close();
    } catch (Exception e) {
      cause.addSuppressed(e);
    }
  }
}
