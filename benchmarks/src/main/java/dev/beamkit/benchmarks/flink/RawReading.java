package dev.beamkit.benchmarks.flink;

/** A reading as the in-memory source emits it: Kafka-style key and value bytes, not yet parsed. */
public record RawReading(byte[] key, byte[] value) {}
