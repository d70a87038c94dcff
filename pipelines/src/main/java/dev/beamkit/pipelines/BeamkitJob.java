package dev.beamkit.pipelines;

import dev.beamkit.pipelines.kafka.KafkaSource;
import dev.beamkit.pipelines.options.OptionError;
import dev.beamkit.pipelines.options.Settings;
import dev.beamkit.pipelines.options.Sink;
import dev.beamkit.transforms.RawRecord;
import dev.beamkit.transforms.time.EventTimeExtractor;
import java.util.Locale;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * The one shape every beamkit job has: the Kafka source, timestamped by the pipeline's event time
 * (which its parse step reads too), then the pipeline's transform, then its dead letters to their
 * topic and its results to Kafka or Redis, as {@code --sink} chooses. A pipeline declares only
 * what differs ({@link BeamkitPipeline}).
 */
public final class BeamkitJob {
  private BeamkitJob() {}

  /**
   * Adds {@code job}, reading and writing real Kafka or Redis, to {@code pipeline}.
   *
   * @throws OptionError when the options do not suit the job, e.g. a sink it does not write to
   */
  public static <ConfigT, OutputsT extends PipelineOutputs> void assemble(
      Pipeline pipeline, BeamkitPipeline<ConfigT, OutputsT> job, Settings settings) {
    ConfigT config = job.config(settings);
    EventTimeExtractor eventTime = job.eventTime(config);
    PCollection<RawRecord> input =
        pipeline.apply(
            "ReadKafka",
            eventTime == null
                ? KafkaSource.withRecordTime(settings)
                : KafkaSource.withEventTime(settings, eventTime));
    PTransform<PCollection<RawRecord>, OutputsT> transform = job.transform(config);
    // Named for what it does, e.g. DownsampleReadings: the runners' UIs show the steps under it.
    OutputsT outputs = input.apply(transform.getClass().getSimpleName(), transform);
    ResultSinks.deadLetters(outputs.deadLetters(), settings);
    job.writeFurtherOutputs(outputs, settings);
    writeResults(job.resultEntries(outputs, settings), settings);
  }

  private static <T> void writeResults(ResultEntries<T> entries, Settings settings) {
    SerializableFunction<T, KV<String, String>> kafkaRecord = entries.kafkaRecord();
    SerializableFunction<T, KV<String, String>> redisEntry = entries.redisEntry();
    if (settings.sink() == Sink.KAFKA && kafkaRecord != null) {
      ResultSinks.kafka(entries.results(), kafkaRecord, settings);
    } else if (settings.sink() == Sink.REDIS && redisEntry != null) {
      ResultSinks.redis(entries.results(), redisEntry, entries.redisMode(), settings);
    } else {
      String supported = kafkaRecord != null ? "kafka" : "redis";
      throw new OptionError(
          "sink",
          settings.sink().name().toLowerCase(Locale.ROOT),
          settings.pipelineName() + " writes only to " + supported);
    }
  }
}
