package dev.beamkit.localstack;

/**
 * A JVM shutdown hook that closes one server, so that Ctrl-C, {@code System.exit} or a failing
 * test run leaves no server process behind. SIGKILL of the starting JVM runs no hook; that case is
 * what the CLI's state file and {@code stop} are for. Closing the server cancels the hook.
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
  void cancel() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is what is closing the server right now.
    }
  }
}
