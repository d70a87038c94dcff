package dev.beamkit.benchmarks.beam;

import dev.beamkit.benchmarks.Workload;
import dev.beamkit.pipelines.replay.ReplayRecord;
import dev.beamkit.transforms.RawRecord;
import java.util.Iterator;
import java.util.NoSuchElementException;
import org.joda.time.Instant;

/**
 * Walks a workload's records as {@link RawRecord}s stamped with their event time, the way the
 * Kafka source would deliver them: topic "generated", partition 0, offset = position. Both
 * generated Beam sources read through it.
 */
final class GeneratedCursor {
  /** The topic named in the records' coordinates. */
  static final String TOPIC = "generated";

  private final Iterator<ReplayRecord> records;
  private long position;
  private RawRecord current;
  private Instant currentTimestamp;

  /** A cursor before the record at {@code position}; the generator is replayed up to there. */
  GeneratedCursor(Workload workload, long position) {
    this.records = workload.records();
    for (long i = 0; i < position && records.hasNext(); i++) {
      records.next();
    }
    this.position = position;
  }

  /** Moves to the next record; false at the end of the workload. */
  boolean advance() {
    if (!records.hasNext()) {
      current = null;
      return false;
    }
    ReplayRecord r = records.next();
    current = RawRecord.fromLog(TOPIC, 0, position++, r.key(), r.value());
    currentTimestamp = new Instant(r.timestampMillis());
    return true;
  }

  /** Records handed out so far (the position of the next one). */
  long position() {
    return position;
  }

  RawRecord current() {
    if (current == null) {
      throw new NoSuchElementException();
    }
    return current;
  }

  /** Event time of the current record. */
  Instant currentTimestamp() {
    if (current == null) {
      throw new NoSuchElementException();
    }
    return currentTimestamp;
  }
}
