package dev.beamkit.pipelines.replay;

import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * One record to write to Kafka: key and value bytes as they should arrive, and the event time to
 * use as the Kafka record timestamp (null: let the producer stamp it with the current time).
 */
public record ReplayRecord(byte @Nullable [] key, byte @Nullable [] value, @Nullable Long timestampMillis) {}
