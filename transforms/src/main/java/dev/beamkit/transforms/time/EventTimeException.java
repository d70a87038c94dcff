package dev.beamkit.transforms.time;

/**
 * An event time could not be read from a record: the value is missing, null, of the wrong type,
 * not in the expected {@link TimeFormat}, or outside the range of Beam timestamps.
 *
 * <p>It is a checked exception on purpose: a bad event time is bad input, not a bug, and every
 * caller (a parse step, a Kafka timestamp policy) must decide where such a record goes instead of
 * letting it fail the bundle.
 */
public class EventTimeException extends Exception {
  private static final long serialVersionUID = 1L;

  /** An exception with a message that says which value could not be read and why. */
  public EventTimeException(String message) {
    super(message);
  }

  /** An exception caused by {@code cause}, e.g. a JSON syntax error. */
  public EventTimeException(String message, Throwable cause) {
    super(message, cause);
  }
}
