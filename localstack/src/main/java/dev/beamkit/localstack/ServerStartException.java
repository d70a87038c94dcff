package dev.beamkit.localstack;

/**
 * A server of the local stack did not come up: its process exited early, did not become ready in
 * time, or could not be launched. The message ends with the tail of the server's log.
 */
public class ServerStartException extends IllegalStateException {

  private static final long serialVersionUID = 1L;

  /** Creates the exception with a message that already carries the log tail. */
  public ServerStartException(String message) {
    super(message);
  }

  /** Creates the exception with a message that already carries the log tail, and its cause. */
  public ServerStartException(String message, Throwable cause) {
    super(message, cause);
  }
}
