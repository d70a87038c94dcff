package dev.beamkit.benchmarks.flink;

/**
 * A parsed reading inside the Flink job. A record with simple fields, so Flink (1.19+) serializes
 * it with its POJO serializer rather than Kryo when it crosses the keyBy.
 */
public record Reading(String sensor, long timestampMillis, double value) {}
