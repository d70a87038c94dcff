package dev.beamkit.benchmarks;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Objects of this JVM that an engine's sources and sinks find by a token. Engines running in the
 * harness's JVM (a Flink MiniCluster, Spark {@code local[2]}, the DirectRunner) serialize the
 * sources and sinks they are given, so these carry a token and look the object up once set up.
 *
 * @param <T> what is registered
 */
public final class TokenRegistry<T> {
  private final Map<String, T> open = new ConcurrentHashMap<>();
  private final String what;

  /** A registry of {@code what} (named in errors, e.g. "results file"). */
  public TokenRegistry(String what) {
    this.what = what;
  }

  /** Registers {@code value} under a new token, which it returns. */
  public String add(T value) {
    String token = UUID.randomUUID().toString();
    open.put(token, value);
    return token;
  }

  /**
   * The object registered under {@code token}.
   *
   * @throws IllegalStateException if there is none (removed, or looked up in another JVM)
   */
  public T get(String token) {
    T value = open.get(token);
    if (value == null) {
      throw new IllegalStateException(
          "no open " + what + " " + token + "; sources and sinks must run in the JVM that opened it");
    }
    return value;
  }

  /** Forgets {@code token}. */
  public void remove(String token) {
    open.remove(token);
  }
}
