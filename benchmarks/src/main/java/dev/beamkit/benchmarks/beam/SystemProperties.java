package dev.beamkit.benchmarks.beam;

import java.util.HashMap;
import java.util.Map;

/**
 * JVM system properties set for the length of a run and restored afterwards, so that a run in
 * the tests' shared JVM leaves no setting behind for the next.
 */
final class SystemProperties implements AutoCloseable {
  private final Map<String, String> previous = new HashMap<>();

  private SystemProperties(Map<String, String> values) {
    values.forEach((name, value) -> previous.put(name, System.setProperty(name, value)));
  }

  /** Sets {@code values} until {@link #close()}. */
  static SystemProperties set(Map<String, String> values) {
    return new SystemProperties(values);
  }

  @Override
  public void close() {
    previous.forEach(
        (name, value) -> {
          if (value == null) {
            System.clearProperty(name);
          } else {
            System.setProperty(name, value);
          }
        });
  }
}
