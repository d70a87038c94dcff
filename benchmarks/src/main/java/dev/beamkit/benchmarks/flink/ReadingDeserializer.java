package dev.beamkit.benchmarks.flink;

import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.connector.kafka.source.reader.deserializer.KafkaRecordDeserializationSchema;
import org.apache.flink.util.Collector;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * Parses inside the Kafka source, so the watermark strategy given to the source sees event times
 * and tracks them per partition: readings of different partitions interleave out of order, and a
 * watermark taken after the source would call them late.
 */
final class ReadingDeserializer implements KafkaRecordDeserializationSchema<Reading> {
  private static final long serialVersionUID = 1L;

  @Override
  public void deserialize(ConsumerRecord<byte[], byte[]> record, Collector<Reading> out) {
    out.collect(ParseReading.parse(record.key(), record.value()));
  }

  @Override
  public TypeInformation<Reading> getProducedType() {
    return TypeInformation.of(Reading.class);
  }
}
