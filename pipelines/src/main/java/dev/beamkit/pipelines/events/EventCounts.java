package dev.beamkit.pipelines.events;

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
import dev.beamkit.transforms.time.EventTimeExtractor;
import dev.beamkit.transforms.ParseJson;
import dev.beamkit.transforms.RawRecord;
import dev.beamkit.transforms.Windowed;
import dev.beamkit.transforms.TriggeredWindows;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.joda.time.Duration;

/**
 * event-counts: user events from Kafka {@code user-events} become a live count per event type,
 * like the materialized view {@code SELECT event, COUNT(*) FROM user_events GROUP BY event}:
 * Redis key {@code {prefix}{event}} holds the count of all events of that type so far, updated
 * as events arrive. With {@code --sink=kafka} it writes counts per fixed event-time window to
 * Kafka instead.
 *
 * <p>The Redis writes are idempotent: each update is an absolute count from accumulating panes,
 * written so that a retried bundle, panes arriving out of order, or the same input read again
 * leave the same value (see {@link RedisWrite#max}); INCRBY would count a retried bundle twice.
 */
public final class EventCounts implements BeamkitPipeline {
  public static final PipelineDefaults DEFAULTS =
      new PipelineDefaults(
          "event-counts",
          "user-events",
          "event-counts",
          "user-events-dead-letters",
          "events:",
          Sink.REDIS);

  /** Field of the payload that holds the event time. */
  public static final String TIME_FIELD = "event_timestamp";

  /** Parsed, timestamped events and the records that could not be used. */
  public record Parsed(PCollection<UserEvent> events, PCollection<DeadLetter> deadLetters) {}

  /** Parses and timestamps user events; {@code input} may come from Kafka or a TestStream. */
  public static Parsed parse(PCollection<RawRecord> input, Settings settings) {
    WithFailures.Result<PCollection<UserEvent>, DeadLetter> parsed =
        input.apply(
            "Parse",
            ParseJson.of(UserEvent.class)
                .withEventTime(TIME_FIELD, settings.eventTimeParser())
                .withMaxFutureSkew(settings.maxFutureSkew())
                .withCoder(UserEvent.Coder.of()));
    return new Parsed(parsed.output(), parsed.failures());
  }

  /**
   * The running count per event type: every pane holds the count of all events of that type seen
   * so far, and a new pane fires as soon as new events arrive.
   */
  public static PCollection<KV<String, Long>> runningCounts(PCollection<UserEvent> events) {
    return events
        .apply("EventType", MapElements.into(TypeDescriptors.strings()).via(UserEvent::event))
        .apply("SinceTheStart", sinceTheStart())
        .apply("Count", Count.perElement());
  }

  /**
   * One window from the start of the stream that fires a pane as soon as new elements arrive,
   * each pane holding everything so far (accumulating): what makes an aggregation over it a live
   * view whose every update is an absolute value, fit for {@link RedisWrite#max}.
   */
  public static <T> Window<T> sinceTheStart() {
    return Window.<T>into(new GlobalWindows())
        .triggering(Repeatedly.forever(AfterPane.elementCountAtLeast(1)))
        .accumulatingFiredPanes()
        .withAllowedLateness(Duration.ZERO);
  }

  /** Counts per event type per fixed event-time window. */
  public static PCollection<Windowed<KV<String, Long>>> windowedCounts(
      PCollection<UserEvent> events, Settings settings) {
    return events
        .apply("EventType", MapElements.into(TypeDescriptors.strings()).via(UserEvent::event))
        .apply(
            "Window",
            TriggeredWindows.<String>fixed(settings.windowSize())
                .withAllowedLateness(settings.allowedLateness()))
        .apply("Count", Count.perElement())
        .apply("WindowInfo", Windowed.attach());
  }

  /** The JSON value written to Kafka for one windowed count. */
  public static String toJson(Windowed<KV<String, Long>> w) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("event", w.value().getKey());
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
    PCollection<RawRecord> input =
        pipeline.apply(
            "ReadKafka",
            KafkaSource.withEventTime(
                settings, EventTimeExtractor.field(TIME_FIELD, settings.eventTimeParser())));
    Parsed parsed = parse(input, settings);
    ResultSinks.deadLetters(parsed.deadLetters(), settings);
    if (settings.sink() == Sink.REDIS) {
      String prefix = settings.keyPrefix();
      ResultSinks.redis(
          runningCounts(parsed.events()),
          kv -> KV.of(prefix + kv.getKey(), Long.toString(kv.getValue())),
          RedisWrite.Mode.MAX,
          settings);
    } else {
      ResultSinks.kafka(
          windowedCounts(parsed.events(), settings), w -> KV.of(w.value().getKey(), toJson(w)), settings);
    }
  }

  public static void main(String[] args) {
    PipelineLauncher.main(new EventCounts(), args);
  }
}
