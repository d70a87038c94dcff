package dev.beamkit.pipelines.words;

import dev.beamkit.pipelines.BeamkitPipeline;
import dev.beamkit.pipelines.JsonText;
import dev.beamkit.pipelines.PipelineLauncher;
import dev.beamkit.pipelines.kafka.DeadLetterSink;
import dev.beamkit.pipelines.kafka.KafkaSink;
import dev.beamkit.pipelines.kafka.KafkaSource;
import dev.beamkit.pipelines.options.PipelineDefaults;
import dev.beamkit.pipelines.options.Settings;
import dev.beamkit.pipelines.options.Sink;
import dev.beamkit.pipelines.redis.RedisWrite;
import dev.beamkit.transforms.CountWords;
import dev.beamkit.transforms.DeadLetter;
import dev.beamkit.transforms.DecodeText;
import dev.beamkit.transforms.RawRecord;
import dev.beamkit.transforms.Windowed;
import dev.beamkit.transforms.Windowing;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * word-count: UTF-8 text lines from Kafka {@code text-stream} are tokenized (see {@code
 * Tokenize}: Unicode letters and digits, lower-cased, apostrophes inside words kept) and counted
 * per word per fixed window of the records' Kafka timestamps, written to Kafka {@code
 * word-counts} as {@code {"word":…,"count":…,"windowStart":…,"windowEnd":…}} or to Redis (key =
 * prefix + window end + ":" + word). Bytes that are not valid UTF-8 become dead letters.
 */
public final class WordCount implements BeamkitPipeline {
  public static final PipelineDefaults DEFAULTS =
      new PipelineDefaults(
          "word-count", "text-stream", "word-counts", "text-stream-dead-letters", "words:", Sink.KAFKA);

  /** The transforms' outputs, before any sink. */
  public record Result(
      PCollection<Windowed<KV<String, Long>>> counts, PCollection<DeadLetter> deadLetters) {}

  /** Decode, window and count; {@code input} may come from Kafka or a TestStream. */
  public static Result build(PCollection<RawRecord> input, Settings settings) {
    WithFailures.Result<PCollection<String>, DeadLetter> lines =
        input.apply("Decode", DecodeText.utf8());
    PCollection<Windowed<KV<String, Long>>> counts =
        lines
            .output()
            .apply(
                "Window",
                Windowing.<String>fixed(settings.windowSize())
                    .withAllowedLateness(settings.allowedLateness()))
            .apply("CountWords", CountWords.lines())
            .apply("WindowInfo", Windowed.attach());
    return new Result(counts, lines.failures());
  }

  /** The JSON value written for one word in one window pane. */
  public static String toJson(Windowed<KV<String, Long>> w) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("word", w.value().getKey());
    json.put("count", w.value().getValue());
    json.put("windowStart", w.windowStart().getMillis());
    json.put("windowEnd", w.windowEnd().getMillis());
    json.put("timing", w.timing().name());
    return JsonText.of(json);
  }

  @Override
  public PipelineDefaults defaults() {
    return DEFAULTS;
  }

  @Override
  public void assemble(Pipeline pipeline, Settings settings) {
    Result result = build(pipeline.apply("ReadKafka", KafkaSource.withRecordTime(settings)), settings);
    result
        .deadLetters()
        .apply(
            "DeadLetters", DeadLetterSink.to(settings.bootstrapServers(), settings.deadLetterTopic()));
    if (settings.sink() == Sink.KAFKA) {
      result
          .counts()
          .apply(
              "ToKafkaRecord",
              MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                  .via(w -> KV.of(w.value().getKey(), toJson(w))))
          .apply("WriteResults", KafkaSink.to(settings.bootstrapServers(), settings.outputTopic()));
    } else {
      String prefix = settings.keyPrefix();
      result
          .counts()
          .apply(
              "ToRedisEntry",
              MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.strings()))
                  .via(
                      w ->
                          KV.of(
                              prefix + w.windowEnd().getMillis() + ":" + w.value().getKey(),
                              Long.toString(w.value().getValue()))))
          .apply("WriteResults", RedisWrite.max(settings.redisUri()));
    }
  }

  public static void main(String[] args) {
    PipelineLauncher.main(new WordCount(), args);
  }
}
