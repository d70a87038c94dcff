package dev.beamkit.pipelines;

import dev.beamkit.pipelines.redis.RedisWrite;
import java.util.Objects;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A pipeline's results and how each becomes an entry of a sink: the key and value of a Kafka
 * record, or a Redis key and value with the way it is written. A pipeline says this for each sink
 * it supports; {@link BeamkitJob} writes to the one {@code --sink} chooses.
 */
public final class ResultEntries<T> {
  private final PCollection<T> results;
  private final @Nullable SerializableFunction<T, KV<String, String>> kafkaRecord;
  private final @Nullable SerializableFunction<T, KV<String, String>> redisEntry;
  private final RedisWrite.@Nullable Mode redisMode;

  private ResultEntries(
      PCollection<T> results,
      @Nullable SerializableFunction<T, KV<String, String>> kafkaRecord,
      @Nullable SerializableFunction<T, KV<String, String>> redisEntry,
      RedisWrite.@Nullable Mode redisMode) {
    this.results = results;
    this.kafkaRecord = kafkaRecord;
    this.redisEntry = redisEntry;
    this.redisMode = redisMode;
  }

  /** {@code results}, for no sink yet. */
  public static <T> ResultEntries<T> of(PCollection<T> results) {
    return new ResultEntries<>(Objects.requireNonNull(results, "results"), null, null, null);
  }

  /** The same results, written to the output topic as the key and value {@code keyAndValue} makes. */
  public ResultEntries<T> toKafka(SerializableFunction<T, KV<String, String>> keyAndValue) {
    return new ResultEntries<>(results, Objects.requireNonNull(keyAndValue, "keyAndValue"), redisEntry, redisMode);
  }

  /** The same results, written to Redis as the key and value {@code keyAndValue} makes, by {@code mode}. */
  public ResultEntries<T> toRedis(SerializableFunction<T, KV<String, String>> keyAndValue, RedisWrite.Mode mode) {
    return new ResultEntries<>(
        results, kafkaRecord, Objects.requireNonNull(keyAndValue, "keyAndValue"), Objects.requireNonNull(mode, "mode"));
  }

  PCollection<T> results() {
    return results;
  }

  @Nullable SerializableFunction<T, KV<String, String>> kafkaRecord() {
    return kafkaRecord;
  }

  @Nullable SerializableFunction<T, KV<String, String>> redisEntry() {
    return redisEntry;
  }

  RedisWrite.@Nullable Mode redisMode() {
    return redisMode;
  }
}
