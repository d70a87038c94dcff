package dev.beamkit.clusters;

/**
 * A cluster did not come up: its JVM exited early, did not become ready in time, or could not be
 * launched. The message ends with the last lines of the cluster's log.
 */
public class ClusterStartException extends RuntimeException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that already carries the log tail. */
  public ClusterStartException(String message) {
    super(message);
  }

  /** Creates the exception with a message that already carries the log tail, and its cause. */
  public ClusterStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
