package dev.beamkit.pipelines.events;

import dev.beamkit.pipelines.BeamkitPipeline;
import dev.beamkit.pipelines.JsonText;
import dev.beamkit.pipelines.PipelineLauncher;
import dev.beamkit.pipelines.PipelineOutputs;
import dev.beamkit.pipelines.ResultEntries;
import dev.beamkit.pipelines.options.PipelineDefaults;
import dev.beamkit.pipelines.options.Settings;
import dev.beamkit.pipelines.options.Sink;
import dev.beamkit.pipelines.options.WindowedEventTime;
import dev.beamkit.pipelines.redis.RedisWrite;
import dev.beamkit.transforms.DeadLetter;
import dev.beamkit.transforms.ParseJson;
import dev.beamkit.transforms.RawRecord;
import dev.beamkit.transforms.TriggeredWindows;
import dev.beamkit.transforms.Windowed;
import dev.beamkit.transforms.time.EventTimeExtractor;
import dev.beamkit.transforms.time.EventTimeParser;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.beam.sdk.transforms.Count;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;
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
public final class EventCounts extends BeamkitPipeline<EventCounts.Config, EventCounts.EventTypeCounts> {
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

  /** A user event's time: field {@value #TIME_FIELD} read by {@code parser}. */
  public static EventTimeExtractor userEventTime(EventTimeParser parser) {
    return EventTimeExtractor.field(TIME_FIELD, parser);
  }

  /** Over what the events of a type are counted. */
  public enum Counting {
    /** All events so far, updated as they arrive: the live view Redis holds. */
    SINCE_THE_START,
    /** Per fixed event-time window, with allowed lateness: what Kafka gets. */
    PER_WINDOW
  }

  /**
   * The values the transform needs.
   *
   * @param time windows (when counted per window), lateness, and how {@value
   *     EventCounts#TIME_FIELD} is read and bounded
   */
  public record Config(WindowedEventTime time, Counting counting) implements Serializable {
    /**
     * Counts since the start, windows of {@code windowSize} with {@code allowedLateness} when
     * counted {@link #perWindow()} ({@link WindowedEventTime#of}).
     */
    public static Config of(Duration windowSize, Duration allowedLateness) {
      return new Config(WindowedEventTime.of(windowSize, allowedLateness), Counting.SINCE_THE_START);
    }

    /** Counted since the start for Redis, per window for Kafka. */
    public static Config from(Settings settings) {
      return new Config(
          WindowedEventTime.from(settings), settings.sink() == Sink.REDIS ? Counting.SINCE_THE_START : Counting.PER_WINDOW);
    }

    public Duration windowSize() {
      return time.windowSize();
    }

    public Duration allowedLateness() {
      return time.allowedLateness();
    }

    public Duration maxFutureSkew() {
      return time.maxFutureSkew();
    }

    public Config perWindow() {
      return new Config(time, Counting.PER_WINDOW);
    }

    public EventTimeExtractor eventTime() {
      return userEventTime(time.eventTimeParser());
    }
  }

  /**
   * The transform's outputs: a count per event type and pane (since the start: in the global
   * window, every pane EARLY and holding all events so far), and the dead letters.
   */
  public record EventTypeCounts(PCollection<Windowed<KV<String, Long>>> counts, PCollection<DeadLetter> deadLetters)
      implements PipelineOutputs {
    @Override
    public Map<TupleTag<?>, PValue> expand() {
      return Map.of(new TupleTag<>("counts"), counts, new TupleTag<>("deadLetters"), deadLetters);
    }
  }

  /** Parse, timestamp and count per event type; the input may come from Kafka or a TestStream. */
  public static final class CountEventTypes extends PTransform<PCollection<RawRecord>, EventTypeCounts> {
    private final Config config;

    public CountEventTypes(Config config) {
      this.config = config;
    }

    @Override
    public EventTypeCounts expand(PCollection<RawRecord> input) {
      WithFailures.Result<PCollection<UserEvent>, DeadLetter> parsed =
          input.apply(
              "Parse",
              ParseJson.of(UserEvent.class)
                  .withEventTime(config.eventTime())
                  .withMaxFutureSkew(config.maxFutureSkew())
                  .withCoder(UserEvent.Coder.of()));
      PCollection<String> types =
          parsed.output().apply("EventType", MapElements.into(TypeDescriptors.strings()).via(UserEvent::event));
      PCollection<String> windowed =
          config.counting() == Counting.SINCE_THE_START
              ? types.apply("SinceTheStart", sinceTheStart())
              : types.apply(
                  "Window",
                  TriggeredWindows.<String>fixed(config.windowSize())
                      .withAllowedLateness(config.allowedLateness()));
      PCollection<Windowed<KV<String, Long>>> counts =
          windowed.apply("Count", Count.perElement()).apply("WindowInfo", Windowed.attach());
      return new EventTypeCounts(counts, parsed.failures());
    }
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

  public EventCounts() {
    super(DEFAULTS, Config::from, Config::eventTime, CountEventTypes::new);
  }

  /** Redis: key = prefix + event type, value = the count so far; Kafka: key = event type. */
  @Override
  public ResultEntries<?> resultEntries(EventTypeCounts outputs, Settings settings) {
    String prefix = settings.keyPrefix();
    return ResultEntries.of(outputs.counts())
        .toRedis(w -> KV.of(prefix + w.value().getKey(), Long.toString(w.value().getValue())), RedisWrite.Mode.MAX)
        .toKafka(w -> KV.of(w.value().getKey(), toJson(w)));
  }

  public static void main(String[] args) {
    PipelineLauncher.main(new EventCounts(), args);
  }
}
