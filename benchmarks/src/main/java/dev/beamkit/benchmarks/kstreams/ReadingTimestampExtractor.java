package dev.beamkit.benchmarks.kstreams;

import dev.beamkit.benchmarks.TimedValue;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.processor.TimestampExtractor;

/** A record's time is the reading's {@code ts}, already parsed by {@link TimedValueSerde}. */
final class ReadingTimestampExtractor implements TimestampExtractor {

  @Override
  public long extract(ConsumerRecord<Object, Object> record, long partitionTime) {
    return ((TimedValue) record.value()).timestampMillis();
  }
}
