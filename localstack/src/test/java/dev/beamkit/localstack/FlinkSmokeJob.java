package dev.beamkit.localstack;

import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The smallest Flink job with a network exchange: 1..100 from a source, rebalanced to a printing
 * sink, so the sink's "read-records" metric proves 100 records crossed the cluster. Uploaded as a
 * jar by {@link FlinkClusterTest}; the cluster runs its main method.
 */
public final class FlinkSmokeJob {

  static final long RECORDS = 100;

  private FlinkSmokeJob() {}

  /** Builds and executes the job in the environment the cluster provides. */
  public static void main(String[] args) throws Exception {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.getExecutionEnvironment();
    env.fromSequence(1, RECORDS).rebalance().print();
    env.execute("beamkit-smoke");
  }
}
