package dev.beamkit.pipelines;

import dev.beamkit.pipelines.kafka.DeadLetterSink;
import dev.beamkit.pipelines.kafka.KafkaSink;
import dev.beamkit.pipelines.options.Settings;
import dev.beamkit.pipelines.redis.RedisWrite;
import dev.beamkit.transforms.DeadLetter;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PDone;

/**
 * The sink side every pipeline shares: dead letters to their Kafka topic, and results to Kafka or
 * Redis as {@code --sink} says, each result turned into a key/value pair by the pipeline's own
 * formatting function.
 */
public final class ResultSinks {
  private ResultSinks() {}

  /** Sends {@code letters} to the dead-letter topic. */
  public static void deadLetters(PCollection<DeadLetter> letters, Settings settings) {
    String topic = settings.deadLetterTopic();
    DeadLetterSink sink = DeadLetterSink.to(settings.kafkaClients(), topic);
    letters.apply(
        "DeadLetters", settings.exactlyOnce() ? sink.withExactlyOnce(settings.exactlyOnceGroup(topic)) : sink);
  }

  /** Writes {@code results} to the output topic, each as the record {@code toRecord} makes. */
  public static <T> void kafka(
      PCollection<T> results, SerializableFunction<T, KV<String, String>> toRecord, Settings settings) {
    toKafka(results, toRecord, settings, settings.outputTopic());
  }

  /**
   * Writes a pipeline's further output {@code results} to {@code topic}, in a step called {@code
   * name} so it stands beside the main output's steps.
   */
  public static <T> void kafka(
      String name,
      PCollection<T> results,
      SerializableFunction<T, KV<String, String>> toRecord,
      String topic,
      Settings settings) {
    results.apply(
        name,
        new PTransform<PCollection<T>, PDone>() {
          @Override
          public PDone expand(PCollection<T> input) {
            toKafka(input, toRecord, settings, topic);
            return PDone.in(input.getPipeline());
          }
        });
  }

  private static <T> void toKafka(
      PCollection<T> results,
      SerializableFunction<T, KV<String, String>> toRecord,
      Settings settings,
      String topic) {
    KafkaSink sink = KafkaSink.to(settings.kafkaClients(), topic);
    results
        .apply("ToKafkaRecord", ParDo.of(new SinkEntryFn<>(toRecord)))
        .apply(
            "WriteResults",
            settings.exactlyOnce() ? sink.withExactlyOnce(settings.exactlyOnceGroup(topic)) : sink);
  }

  /** Writes {@code results} to Redis, each as the key and value {@code toEntry} makes. */
  public static <T> void redis(
      PCollection<T> results,
      SerializableFunction<T, KV<String, String>> toEntry,
      RedisWrite.Mode mode,
      Settings settings) {
    results
        .apply("ToRedisEntry", ParDo.of(new SinkEntryFn<>(toEntry)))
        .apply("WriteResults", RedisWrite.of(settings.redis(), mode));
  }
}
