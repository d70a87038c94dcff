package dev.beamkit.pipelines.sensors;

import dev.beamkit.pipelines.BeamkitPipeline;
import dev.beamkit.pipelines.JsonText;
import dev.beamkit.pipelines.PipelineLauncher;
import dev.beamkit.pipelines.PipelineOutputs;
import dev.beamkit.pipelines.ResultEntries;
import dev.beamkit.pipelines.options.PipelineDefaults;
import dev.beamkit.pipelines.options.Settings;
import dev.beamkit.pipelines.options.Sink;
import dev.beamkit.pipelines.options.WindowEngine;
import dev.beamkit.pipelines.options.WindowedEventTime;
import dev.beamkit.pipelines.redis.RedisWrite;
import dev.beamkit.transforms.DeadLetter;
import dev.beamkit.transforms.ParseJson;
import dev.beamkit.transforms.PreCombinePerKey;
import dev.beamkit.transforms.RawRecord;
import dev.beamkit.transforms.Stats;
import dev.beamkit.transforms.StatsFn;
import dev.beamkit.transforms.TriggeredWindows;
import dev.beamkit.transforms.Windowed;
import dev.beamkit.transforms.WindowedCombine;
import dev.beamkit.transforms.time.EventTimeExtractor;
import dev.beamkit.transforms.time.EventTimeParser;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * sensor-downsample: temperature readings from Kafka {@code raw-temp-data} (key = sensor id, value
 * {@code {"ts": "...", "value": n}}) become count, min, max and mean per sensor per fixed
 * event-time window (10 s, 1 s allowed lateness by default), written to Kafka {@code
 * agg-temperature} (key = sensor) or to Redis (key = prefix + sensor + ":" + window end).
 *
 * <p>Each result says which pane it is: ON_TIME when the watermark passed the window end, then
 * one LATE pane per late reading within the allowed lateness (late readings of one sensor and
 * window arriving in the same bundle share one on Beam's window engine), each holding the stats of
 * all readings so far (panes accumulate), so the last pane written for a window is its full answer.
 * {@code --windowEngine} picks Beam's window operator or beamkit's stateful {@code WindowedCombine};
 * only the stateful one dead-letters readings later than the allowed lateness instead of dropping
 * them.
 */
public final class SensorDownsample extends BeamkitPipeline<SensorDownsample.Config, SensorDownsample.DownsampledReadings> {
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

  /**
   * The values the transform needs.
   *
   * @param time windows, lateness, and how {@value SensorDownsample#TIME_FIELD} is read and bounded
   * @param windowEngine Beam's window operator or beamkit's stateful one
   */
  public record Config(WindowedEventTime time, WindowEngine windowEngine) implements Serializable {
    /**
     * Windows of {@code windowSize} with {@code allowedLateness} ({@link WindowedEventTime#of}),
     * Beam's window engine.
     */
    public static Config of(Duration windowSize, Duration allowedLateness) {
      return new Config(WindowedEventTime.of(windowSize, allowedLateness), WindowEngine.BEAM);
    }

    public static Config from(Settings settings) {
      return new Config(WindowedEventTime.from(settings), settings.windowEngine());
    }

    public Config withWindowEngine(WindowEngine engine) {
      return new Config(time, engine);
    }

    /** The event time: field {@value SensorDownsample#TIME_FIELD} read by the time's parser. */
    public EventTimeExtractor eventTime() {
      return EventTimeExtractor.field(TIME_FIELD, time.eventTimeParser());
    }
  }

  /** The transform's outputs: one stats pane per sensor, window and firing; the dead letters. */
  public record DownsampledReadings(
      PCollection<Windowed<KV<String, Stats>>> windows, PCollection<DeadLetter> deadLetters)
      implements PipelineOutputs {
    @Override
    public Map<TupleTag<?>, PValue> expand() {
      return Map.of(new TupleTag<>("windows"), windows, new TupleTag<>("deadLetters"), deadLetters);
    }
  }

  /**
   * Parse, timestamp, window and aggregate; the input may come from Kafka or a TestStream. With
   * the stateful window engine, readings later than the allowed lateness become dead letters of
   * step {@value WindowedCombine#TOO_LATE_STEP}.
   */
  public static final class DownsampleReadings
      extends PTransform<PCollection<RawRecord>, DownsampledReadings> {
    private final Config config;

    public DownsampleReadings(Config config) {
      this.config = config;
    }

    @Override
    public DownsampledReadings expand(PCollection<RawRecord> input) {
      ParseJson<SensorReading> parse =
          ParseJson.of(SensorReading.class)
              .withKeyField("sensor")
              .withEventTime(config.eventTime())
              .withMaxFutureSkew(config.time().maxFutureSkew())
              .withCoder(SensorReading.Coder.of());
      return config.windowEngine() == WindowEngine.STATEFUL
          ? stateful(input, parse)
          : onBeamWindows(input, parse);
    }

    private DownsampledReadings onBeamWindows(PCollection<RawRecord> input, ParseJson<SensorReading> parse) {
      WithFailures.Result<PCollection<SensorReading>, DeadLetter> parsed =
          input.apply("Parse", parse);
      PCollection<Windowed<KV<String, Stats>>> windows =
          parsed
              .output()
              .apply(
                  "KeyBySensor",
                  MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.doubles()))
                      .via((SensorReading r) -> KV.of(r.sensor(), r.value())))
              .apply(
                  "Window",
                  TriggeredWindows.<KV<String, Double>>fixed(config.time().windowSize())
                      .withAllowedLateness(config.time().allowedLateness()))
              // Folded per bundle before the shuffle: Beam's Flink streaming runner lifts no
              // combiner, and the window step per reading was most of the job's CPU time.
              .apply("Stats", PreCombinePerKey.<String, Double, StatsFn.Accumulator, Stats>of(new StatsFn()))
              .apply("WindowInfo", Windowed.attach());
      return new DownsampledReadings(windows, parsed.failures());
    }

    /**
     * The stateful engine. No {@link PreCombinePerKey} in front: folding a bundle's readings into
     * one accumulator would lose the records a too-late reading must be dead-lettered with. Even
     * without it, and carrying each reading's record through the shuffle, it ran 2.2 times as fast
     * as the Beam path with it on Flink (benchmarks/README.md, "Stateful window engine").
     */
    private DownsampledReadings stateful(PCollection<RawRecord> input, ParseJson<SensorReading> parse) {
      WithFailures.Result<PCollection<KV<RawRecord, SensorReading>>, DeadLetter> parsed =
          input.apply("Parse", parse.keepingOriginals());
      KvCoder<RawRecord, SensorReading> readingCoder =
          KvCoder.of(RawRecord.Coder.of(), SensorReading.Coder.of());
      WithFailures.Result<PCollection<KV<String, Stats>>, Windowed<KV<String, KV<RawRecord, SensorReading>>>>
          stats =
              parsed
                  .output()
                  .apply(
                      "KeyBySensor",
                      MapElements.into(
                              TypeDescriptors.kvs(
                                  TypeDescriptors.strings(),
                                  new TypeDescriptor<KV<RawRecord, SensorReading>>() {}))
                          .via((KV<RawRecord, SensorReading> r) -> KV.of(r.getValue().sensor(), r)))
                  .setCoder(KvCoder.of(StringUtf8Coder.of(), readingCoder))
                  .apply(
                      "Stats",
                      WindowedCombine.of(
                          TriggeredWindows.<KV<String, KV<RawRecord, SensorReading>>>fixed(
                                  config.time().windowSize())
                              .withAllowedLateness(config.time().allowedLateness()),
                          new ReadingStatsFn()));
      PCollection<DeadLetter> tooLate =
          stats
              .failures()
              .apply(
                  "TooLateToDeadLetter",
                  MapElements.into(TypeDescriptor.of(DeadLetter.class))
                      .via(
                          (Windowed<KV<String, KV<RawRecord, SensorReading>>> w) ->
                              WindowedCombine.tooLateLetter(w.value().getValue().getKey(), w)))
              .setCoder(DeadLetter.Coder.of());
      PCollection<DeadLetter> deadLetters =
          PCollectionList.of(parsed.failures())
              .and(tooLate)
              .apply("AllDeadLetters", Flatten.pCollections());
      return new DownsampledReadings(stats.output().apply("WindowInfo", Windowed.attach()), deadLetters);
    }
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

  public SensorDownsample() {
    super(DEFAULTS, Config::from, Config::eventTime, DownsampleReadings::new);
  }

  /** Kafka: key = sensor; Redis: key = prefix + sensor + ":" + window end, each pane overwriting. */
  @Override
  public ResultEntries<?> resultEntries(DownsampledReadings outputs, Settings settings) {
    String prefix = settings.keyPrefix();
    return ResultEntries.of(outputs.windows())
        .toKafka(w -> KV.of(w.value().getKey(), toJson(w)))
        .toRedis(w -> KV.of(prefix + w.value().getKey() + ":" + w.windowEnd().getMillis(), toJson(w)), RedisWrite.Mode.SET);
  }

  public static void main(String[] args) {
    PipelineLauncher.main(new SensorDownsample(), args);
  }
}
