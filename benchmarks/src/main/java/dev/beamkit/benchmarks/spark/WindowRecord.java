package dev.beamkit.benchmarks.spark;

import dev.beamkit.benchmarks.WindowJson;
import dev.beamkit.benchmarks.WindowResult;
import java.nio.charset.StandardCharsets;
import java.sql.Timestamp;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Row;
import scala.Tuple2;

/**
 * One aggregated window to the Kafka record sensor-downsample writes: key = sensor id, value =
 * {@link WindowJson}, the mean computed as {@code sum / count} like every other implementation.
 */
final class WindowRecord implements MapFunction<Row, Tuple2<byte[], byte[]>> {
  private static final long serialVersionUID = 1L;

  @Override
  public Tuple2<byte[], byte[]> call(Row window) {
    String sensor = window.getAs("sensor");
    WindowResult result =
        WindowResult.of(
            sensor,
            window.<Timestamp>getAs("start").getTime(),
            window.<Timestamp>getAs("end").getTime(),
            window.<Long>getAs("count"),
            window.<Double>getAs("min"),
            window.<Double>getAs("max"),
            window.<Double>getAs("sum"));
    return new Tuple2<>(sensor.getBytes(StandardCharsets.UTF_8), WindowJson.write(result));
  }
}
