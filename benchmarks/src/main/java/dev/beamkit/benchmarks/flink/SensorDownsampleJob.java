package dev.beamkit.benchmarks.flink;

import dev.beamkit.benchmarks.KafkaTopics;
import dev.beamkit.benchmarks.SensorWindows;
import dev.beamkit.benchmarks.WindowResult;
import dev.beamkit.benchmarks.Workload;
import java.time.Duration;
import org.apache.flink.api.common.RuntimeExecutionMode;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.connector.base.DeliveryGuarantee;
import org.apache.flink.connector.kafka.sink.KafkaSink;
import org.apache.flink.connector.kafka.source.KafkaSource;
import org.apache.flink.connector.kafka.source.enumerator.initializer.OffsetsInitializer;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.streaming.api.windowing.assigners.TumblingEventTimeWindows;

/**
 * sensor-downsample written directly against Flink's DataStream API: readings keyed by sensor,
 * 10 s tumbling event-time windows with 1 s allowed lateness, watermarks that trail the largest
 * event time by nothing (bounded out-of-orderness 0 ms), an incremental aggregate per window.
 */
public final class SensorDownsampleJob {
  private SensorDownsampleJob() {}

  /**
   * A local environment (the job runs in a MiniCluster inside this JVM) in streaming mode, with
   * object reuse: chained operators hand each other objects instead of copies.
   */
  public static StreamExecutionEnvironment localEnvironment(int parallelism) {
    StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(parallelism);
    env.setRuntimeMode(RuntimeExecutionMode.STREAMING);
    env.getConfig().enableObjectReuse();
    return env;
  }

  /** Event time from the reading, watermark = largest event time seen so far. */
  public static WatermarkStrategy<Reading> watermarks() {
    return WatermarkStrategy.<Reading>forBoundedOutOfOrderness(Duration.ZERO)
        .withTimestampAssigner((reading, recordTimestamp) -> reading.timestampMillis());
  }

  /**
   * Readings generated inside the job. The generator is sequential, so the source runs with
   * parallelism 1 and parsing and watermarking are chained to it; the keyBy then spreads the
   * readings over the job's parallelism.
   */
  public static DataStream<Reading> fromMemory(StreamExecutionEnvironment env, Workload workload) {
    return env.fromCollection(new GeneratedReadings(workload), TypeInformation.of(RawReading.class))
        .name("Generate")
        .map(new ParseReading())
        .name("Parse")
        .setParallelism(1)
        .assignTimestampsAndWatermarks(watermarks())
        .name("EventTime")
        .setParallelism(1);
  }

  /**
   * Readings from the input topic, from its earliest offsets to the end offsets found at start,
   * so the job ends once the preloaded log is read. Watermarks are tracked per partition.
   */
  public static DataStream<Reading> fromKafka(StreamExecutionEnvironment env, KafkaTopics kafka, String groupId) {
    KafkaSource<Reading> source =
        KafkaSource.<Reading>builder()
            .setBootstrapServers(kafka.bootstrapServers())
            .setTopics(kafka.inputTopic())
            .setGroupId(groupId)
            .setStartingOffsets(OffsetsInitializer.earliest())
            .setBounded(OffsetsInitializer.latest())
            .setDeserializer(new ReadingDeserializer())
            .build();
    return env.fromSource(source, watermarks(), "ReadKafka");
  }

  /** The windowed statistics per sensor. */
  public static DataStream<WindowResult> windows(DataStream<Reading> readings) {
    return readings
        .keyBy(Reading::sensor, Types.STRING)
        .window(TumblingEventTimeWindows.of(SensorWindows.SIZE))
        .allowedLateness(SensorWindows.ALLOWED_LATENESS)
        .aggregate(new StatsAggregate(), new AttachWindow())
        .name("WindowStats");
  }

  /** Writes results as sensor-downsample's JSON to the output topic, flushing at end of input. */
  public static void toKafka(DataStream<WindowResult> results, KafkaTopics kafka) {
    results
        .sinkTo(
            KafkaSink.<WindowResult>builder()
                .setBootstrapServers(kafka.bootstrapServers())
                .setRecordSerializer(new WindowResultSerializer(kafka.outputTopic()))
                .setDeliveryGuarantee(DeliveryGuarantee.AT_LEAST_ONCE)
                .build())
        .name("WriteKafka");
  }
}
