package dev.beamkit.pipelines.sensors;

import dev.beamkit.pipelines.BeamkitPipeline;
import dev.beamkit.pipelines.JsonText;
import dev.beamkit.pipelines.PipelineLauncher;
import dev.beamkit.pipelines.ResultSinks;
import dev.beamkit.pipelines.kafka.KafkaSource;
import dev.beamkit.pipelines.options.PipelineDefaults;
import dev.beamkit.pipelines.options.Settings;
import dev.beamkit.pipelines.options.Sink;
import dev.beamkit.pipelines.redis.RedisWrite;
import dev.beamkit.transforms.DeadLetter;
import dev.beamkit.transforms.EventTimeExtractor;
import dev.beamkit.transforms.ParseJson;
import dev.beamkit.transforms.RawRecord;
import dev.beamkit.transforms.PreCombinePerKey;
import dev.beamkit.transforms.Stats;
import dev.beamkit.transforms.StatsFn;
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
 * sensor-downsample: temperature readings from Kafka {@code raw-temp-data} (key = sensor id, value
 * {@code {"ts": "...", "value": n}}) become count, min, max and mean per sensor per fixed
 * event-time window (10 s, 1 s allowed lateness by default), written to Kafka {@code
 * agg-temperature} (key = sensor) or to Redis (key = prefix + sensor + ":" + window end).
 *
 * <p>Each result says which pane it is: ON_TIME when the watermark passed the window end, then
 * one LATE pane per late reading within the allowed lateness (late readings of one sensor and
 * window arriving in the same bundle share one), each holding the stats of all readings so far
 * (panes accumulate), so the last pane written for a window is its full answer.
 */
public final class SensorDownsample implements BeamkitPipeline {
  public static final PipelineDefaults DEFAULTS =
      new PipelineDefaults(
          "sensor-downsample",
          "raw-temp-data",
          "agg-temperature",
          "raw-temp-data-dead-letters",
          "sensor:",
          Sink.KAFKA);

  /** Field of the payload that holds the event time. */
  public static final String TIME_FIELD = "ts";

  /** The transforms' outputs, before any sink. */
  public record Result(
      PCollection<Windowed<KV<String, Stats>>> windows, PCollection<DeadLetter> deadLetters) {}

  /** Parse, timestamp, window and aggregate; {@code input} may come from Kafka or a TestStream. */
  public static Result build(PCollection<RawRecord> input, Settings settings) {
    WithFailures.Result<PCollection<SensorReading>, DeadLetter> parsed =
        input.apply(
            "Parse",
            ParseJson.of(SensorReading.class)
                .withKeyField("sensor")
                .withEventTime(TIME_FIELD, settings.eventTimeParser())
                .withMaxFutureSkew(settings.maxFutureSkew())
                .withCoder(SensorReading.Coder.of()));
    PCollection<Windowed<KV<String, Stats>>> windows =
        parsed
            .output()
            .apply(
                "KeyBySensor",
                MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.doubles()))
                    .via((SensorReading r) -> KV.of(r.sensor(), r.value())))
            .apply(
                "Window",
                Windowing.<KV<String, Double>>fixed(settings.windowSize())
                    .withAllowedLateness(settings.allowedLateness()))
            // Folded per bundle before the shuffle: Beam's Flink streaming runner lifts no
            // combiner, and the window step per reading was most of the job's CPU time.
            .apply("Stats", PreCombinePerKey.<String, Double, StatsFn.Accumulator, Stats>of(new StatsFn()))
            .apply("WindowInfo", Windowed.attach());
    return new Result(windows, parsed.failures());
  }

  /** The JSON value written for one window pane (the format of DESIGN.md §2). */
  public static String toJson(Windowed<KV<String, Stats>> w) {
    Stats s = w.value().getValue();
    Map<String, Object> temperature = new LinkedHashMap<>();
    temperature.put("count", s.count());
    temperature.put("min", s.min());
    temperature.put("max", s.max());
    temperature.put("mean", s.mean());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("sensor", w.value().getKey());
    json.put("time", w.windowEnd().getMillis());
    json.put("windowStart", w.windowStart().getMillis());
    json.put("timing", w.timing().name());
    json.put("temperature", temperature);
    return JsonText.of(json);
  }

  @Override
  public PipelineDefaults defaults() {
    return DEFAULTS;
  }

  @Override
  public void assemble(Pipeline pipeline, Settings settings) {
    PCollection<RawRecord> input =
        pipeline.apply(
            "ReadKafka",
            KafkaSource.withEventTime(
                settings, EventTimeExtractor.field(TIME_FIELD, settings.eventTimeParser())));
    Result result = build(input, settings);
    ResultSinks.deadLetters(result.deadLetters(), settings);
    if (settings.sink() == Sink.KAFKA) {
      ResultSinks.kafka(result.windows(), w -> KV.of(w.value().getKey(), toJson(w)), settings);
    } else {
      String prefix = settings.keyPrefix();
      ResultSinks.redis(
          result.windows(),
          w -> KV.of(prefix + w.value().getKey() + ":" + w.windowEnd().getMillis(), toJson(w)),
          RedisWrite.Mode.SET,
          settings);
    }
  }

  public static void main(String[] args) {
    PipelineLauncher.main(new SensorDownsample(), args);
  }
}
