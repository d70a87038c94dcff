package dev.beamkit.benchmarks;

/** A reading's event time and value, parsed from its JSON payload; the sensor is the Kafka key. */
public record TimedValue(long timestampMillis, double value) {}
