package dev.beamkit.pipelines.replay;

import java.util.List;
import org.apache.kafka.common.header.Header;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One record to write to Kafka: key and value bytes as they should arrive, the event time to use
 * as the Kafka record timestamp (null: let the producer stamp it with the current time), and the
 * record's headers in order (none unless given).
 */
public record ReplayRecord(
    byte @Nullable [] key, byte @Nullable [] value, @Nullable Long timestampMillis, List<Header> headers) {

  public ReplayRecord(byte @Nullable [] key, byte @Nullable [] value, @Nullable Long timestampMillis) {
    this(key, value, timestampMillis, List.of());
  }
}
