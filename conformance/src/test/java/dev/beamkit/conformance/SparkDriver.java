package dev.beamkit.conformance;

/**
 * The Spark driver of a {@link RunnerTarget#SPARK_CLUSTER} run lives in the test JVM, and the
 * cluster's executors connect back to it. Spark advertises the machine's LAN address by default;
 * the cluster listens on loopback only, so the driver must too. SparkConf reads {@code spark.*}
 * system properties when the SparkRunner creates its context.
 */
final class SparkDriver {
  private SparkDriver() {}

  static void bindToLoopback() {
    System.setProperty("spark.driver.host", "127.0.0.1");
    System.setProperty("spark.driver.bindAddress", "127.0.0.1");
    // The Worker offers 1 GB to executors; Spark's default executor asks for all of it.
    System.setProperty("spark.executor.memory", "768m");
  }
}
