package dev.beamkit.benchmarks.spark;

import dev.beamkit.benchmarks.ReadingParser;
import dev.beamkit.benchmarks.TimedValue;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Row;
import scala.Tuple3;

/**
 * A Kafka record ({@code key}, {@code value} columns) to sensor id, event time and value, with the
 * same {@link ReadingParser} the other natives use, so the per-record parse cost stays equal.
 */
final class ParseKafkaReading implements MapFunction<Row, Tuple3<String, Timestamp, Double>> {
  private static final long serialVersionUID = 1L;

  @Override
  public Tuple3<String, Timestamp, Double> call(Row record) {
    TimedValue parsed = ReadingParser.parse(record.<byte[]>getAs("value"));
    return new Tuple3<>(
        new String(record.<byte[]>getAs("key"), StandardCharsets.UTF_8),
        new Timestamp(parsed.timestampMillis()),
        parsed.value());
  }
}
