package dev.beamkit.clusters;

/**
 * A shutdown hook that closes a cluster when the JVM that started it exits without closing it (a
 * test run interrupted, a forgotten close), so no daemon JVM is left behind. SIGKILL of the
 * starting JVM runs no hook; that case is what the CLI's state files and {@code stop} are for.
 */
final class StopOnJvmExit {

  private final Thread hook;

  private StopOnJvmExit(Thread hook) {
    this.hook = hook;
  }

  /** Registers {@code close} to run at JVM exit. */
  static StopOnJvmExit register(String name, Runnable close) {
    Thread hook = new Thread(close, "stop-" + name + "-on-jvm-exit");
    Runtime.getRuntime().addShutdownHook(hook);
    return new StopOnJvmExit(hook);
  }

  /** Unregisters the hook; a no-op while the JVM is already shutting down (the hook is running). */
  void cancel() {
    try {
      Runtime.getRuntime().removeShutdownHook(hook);
    } catch (IllegalStateException shuttingDown) {
      // The hook is what is closing the cluster right now.
    }
  }
}
