package dev.beamkit.benchmarks.spark;

import dev.beamkit.benchmarks.FlushMarkers;
import dev.beamkit.benchmarks.KafkaOnlyNative;
import dev.beamkit.benchmarks.KafkaTopics;
import dev.beamkit.benchmarks.Outcome;
import dev.beamkit.benchmarks.RunContext;
import dev.beamkit.benchmarks.TempDirectories;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;

/**
 * {@link SensorDownsampleQuery} on a {@code local[parallelism]} session, the native Spark baseline
 * (Spark 3.5, the version beamkit's Spark runner runs on).
 *
 * <p>Kafka mode only. Structured Streaming's in-memory sources are no fair peer of the generator:
 * {@code MemoryStream} is an internal test source that holds every row on the driver and hands a
 * batch over as one local relation, and the {@code rate} source generates its own rows, not the
 * workload's.
 */
public final class SparkNative extends KafkaOnlyNative {
  public SparkNative() {
    super("spark-native");
  }

  @Override
  public Outcome run(RunContext context) throws Exception {
    KafkaTopics kafka = context.requireKafka();
    Path checkpoint = Files.createTempDirectory("bench-spark-native");
    SparkSession spark = SensorDownsampleQuery.localSession(name() + "-" + context.runId(), context.parallelism());
    try {
      StreamingQuery query =
          SensorDownsampleQuery.toKafka(
              SensorDownsampleQuery.windows(
                  SensorDownsampleQuery.fromKafka(spark, kafka, FlushMarkers.topic(context), "bench-" + context.runId())),
              kafka,
              checkpoint);
      if (!query.awaitTermination(context.timeout().toMillis())) {
        query.stop();
        throw new TimeoutException("spark-native had not finished after " + context.timeout());
      }
      return Outcome.inOutputTopic();
    } finally {
      spark.stop();
      TempDirectories.deleteRecursively(checkpoint);
    }
  }
}
