package dev.beamkit.benchmarks.spark;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.window;

import dev.beamkit.benchmarks.KafkaTopics;
import dev.beamkit.benchmarks.SensorWindows;
import java.nio.file.Path;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.OutputMode;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/**
 * sensor-downsample written directly in Spark Structured Streaming: readings parsed from the Kafka
 * records, a watermark trailing the largest event time by the allowed lateness, 10 s tumbling
 * windows per sensor aggregated to count/min/max/sum, written in append mode — one row per window,
 * once the watermark has passed its end, with its final values (as Kafka Streams' suppression).
 *
 * <p>Spark's watermark moves only with the event times it reads; nothing moves it to the end of
 * time when a bounded input is exhausted. So the query also reads the run's {@link
 * dev.beamkit.benchmarks.FlushMarkers} topic, and reads everything in one micro-batch ({@link
 * Trigger#AvailableNow()} without {@code maxOffsetsPerTrigger}): within a batch Spark drops
 * nothing as late (the watermark it filters with is the previous batch's), the batch's far-future
 * markers then raise the watermark past every real window, and the no-data batch Spark runs for a
 * moved watermark writes the last windows before the query stops. With a rate limit Spark would
 * deal each marker partition's single record into the first batch and drop every later reading as
 * late. The markers' own window ends after the watermark they set, so it is never written.
 */
public final class SensorDownsampleQuery {
  private SensorDownsampleQuery() {}

  /**
   * A {@code local[parallelism]} session: driver on loopback, no web UI, as many shuffle
   * partitions (state store partitions) as cores instead of Spark's 200.
   */
  public static SparkSession localSession(String appName, int parallelism) {
    return SparkSession.builder()
        .appName(appName)
        .master("local[" + parallelism + "]")
        .config("spark.driver.host", "127.0.0.1")
        .config("spark.driver.bindAddress", "127.0.0.1")
        .config("spark.ui.enabled", false)
        .config("spark.sql.shuffle.partitions", parallelism)
        .getOrCreate();
  }

  /**
   * Sensor id, event time and value of every record in the input topic and in {@code markerTopic},
   * from the earliest offsets; Spark sizes the batch at the end offsets found when it starts.
   */
  public static Dataset<Row> fromKafka(SparkSession spark, KafkaTopics kafka, String markerTopic, String groupIdPrefix) {
    return spark
        .readStream()
        .format("kafka")
        .option("kafka.bootstrap.servers", kafka.bootstrapServers())
        .option("subscribe", kafka.inputTopic() + "," + markerTopic)
        .option("startingOffsets", "earliest")
        .option("groupIdPrefix", groupIdPrefix)
        .load()
        .select("key", "value")
        .map(new ParseKafkaReading(), Encoders.tuple(Encoders.STRING(), Encoders.TIMESTAMP(), Encoders.DOUBLE()))
        .toDF("sensor", "eventTime", "value");
  }

  /** The windowed statistics per sensor, flattened to sensor, start, end, count, min, max, sum. */
  public static Dataset<Row> windows(Dataset<Row> readings) {
    return readings
        .withWatermark("eventTime", SensorWindows.ALLOWED_LATENESS.toMillis() + " milliseconds")
        .groupBy(col("sensor"), window(col("eventTime"), SensorWindows.SIZE.toMillis() + " milliseconds"))
        .agg(
            count(lit(1)).as("count"),
            min("value").as("min"),
            max("value").as("max"),
            sum("value").as("sum"))
        .select(
            col("sensor"),
            col("window.start").as("start"),
            col("window.end").as("end"),
            col("count"),
            col("min"),
            col("max"),
            col("sum"));
  }

  /**
   * Starts writing the windows as sensor-downsample's records to the output topic: append mode,
   * everything available now, then the query stops by itself.
   */
  public static StreamingQuery toKafka(Dataset<Row> windows, KafkaTopics kafka, Path checkpoint) throws TimeoutException {
    return windows
        .map(new WindowRecord(), Encoders.tuple(Encoders.BINARY(), Encoders.BINARY()))
        .toDF("key", "value")
        .writeStream()
        .format("kafka")
        .option("kafka.bootstrap.servers", kafka.bootstrapServers())
        .option("topic", kafka.outputTopic())
        .option("checkpointLocation", checkpoint.toString())
        .outputMode(OutputMode.Append())
        .trigger(Trigger.AvailableNow())
        .start();
  }
}
