package dev.beamkit.benchmarks.flink;

import dev.beamkit.benchmarks.Workload;
import dev.beamkit.pipelines.replay.ReplayRecord;
import java.io.Serializable;
import java.util.Iterator;

/**
 * The workload's records as a serializable iterator, the form Flink's iterator source ships to
 * its task: only the workload travels, the generator starts on first use inside the task.
 */
final class GeneratedReadings implements Iterator<RawReading>, Serializable {
  private static final long serialVersionUID = 1L;

  private final Workload workload;
  private transient Iterator<ReplayRecord> records;

  GeneratedReadings(Workload workload) {
    this.workload = workload;
  }

  @Override
  public boolean hasNext() {
    return records().hasNext();
  }

  @Override
  public RawReading next() {
    ReplayRecord r = records().next();
    return new RawReading(r.key(), r.value());
  }

  private Iterator<ReplayRecord> records() {
    if (records == null) {
      records = workload.records();
    }
    return records;
  }
}
