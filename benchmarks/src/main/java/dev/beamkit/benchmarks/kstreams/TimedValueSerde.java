package dev.beamkit.benchmarks.kstreams;

import dev.beamkit.benchmarks.ReadingParser;
import dev.beamkit.benchmarks.TimedValue;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Reads a {@code raw-temp-data} JSON value into event time and value, once: the timestamp
 * extractor then sees the parsed value. The topology never writes readings anywhere (no
 * repartition, no changelog), so there is nothing to serialize.
 */
final class TimedValueSerde implements Serde<TimedValue> {

  @Override
  public Serializer<TimedValue> serializer() {
    return (topic, value) -> {
      throw new UnsupportedOperationException("readings are only ever read");
    };
  }

  @Override
  public Deserializer<TimedValue> deserializer() {
    return (topic, bytes) -> ReadingParser.parse(bytes);
  }
}
