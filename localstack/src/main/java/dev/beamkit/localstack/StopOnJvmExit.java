package dev.beamkit.localstack;

/**
 * A JVM shutdown hook that closes one server, so that Ctrl-C, System.exit or a failing test run
 * does not leave broker or Redis processes behind. Closing the server removes the hook again.
 */
final class StopOnJvmExit {

  private final Thread hook;

  private StopOnJvmExit(Thread hook) {
    this.hook = hook;
  }

  /** Registers a hook that calls {@code server.close()} when the JVM exits. */
  static StopOnJvmExit register(String name, AutoCloseable server) {
    Thread hook =
        new Thread(
            () -> {
              try {
                server.close();
              } catch (Exception e) {
                System.err.println("beamkit-localstack: could not stop " + name + ": " + e);
              }
            },
            "beamkit-localstack-stop-" + name);
    Runtime.getRuntime().addShutdownHook(hook);
    return new StopOnJvmExit(hook);
  }

  /** Removes the hook; a no-op while the JVM is already shutting down (the hook is running). */
  void unregister() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is what is closing the server right now.
    }
  }
}
