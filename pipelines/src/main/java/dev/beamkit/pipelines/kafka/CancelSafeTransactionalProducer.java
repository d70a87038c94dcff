package dev.beamkit.pipelines.kafka;

import java.util.Map;
import org.apache.kafka.clients.producer.KafkaProducer;

/**
 * The producer of beamkit's exactly-once sinks, which aborts a transaction left open before it
 * begins the next one. Beam 2.62's exactly-once writer keeps its producers in a cache that lives
 * as long as the JVM, and puts a producer back into it even when its task was cancelled in the
 * middle of a transaction — as Flink cancels every task of a job when one TaskManager dies. The
 * restarted task on a surviving TaskManager then got that producer, and each {@code
 * beginTransaction} failed ("Invalid transition attempted from state IN_TRANSACTION to state
 * IN_TRANSACTION"), so Flink restarted the job again and again (seen in TaskManagerKillIT). The
 * open transaction holds only writes the restored job makes again, so aborting it loses nothing.
 */
class CancelSafeTransactionalProducer<K, V> extends KafkaProducer<K, V> {
  private boolean inTransaction;

  CancelSafeTransactionalProducer(Map<String, Object> config) {
    super(config);
  }

  @Override
  public synchronized void beginTransaction() {
    if (inTransaction) {
      abortTransaction();
    }
    super.beginTransaction();
    inTransaction = true;
  }

  @Override
  public synchronized void commitTransaction() {
    super.commitTransaction();
    inTransaction = false;
  }

  @Override
  public synchronized void abortTransaction() {
    super.abortTransaction();
    inTransaction = false;
  }
}
