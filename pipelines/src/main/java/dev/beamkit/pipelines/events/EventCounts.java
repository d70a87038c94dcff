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
import dev.beamkit.pipelines.redis.CountedOffsets;
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
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.transforms.windowing.AfterPane;
import org.apache.beam.sdk.transforms.windowing.GlobalWindows;
import org.apache.beam.sdk.transforms.windowing.Repeatedly;
import org.apache.beam.sdk.transforms.windowing.Window;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.checkerframework.checker.nullness.qual.Nullable;
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
 * leave the same value (max-wins); INCRBY would count a retried bundle twice. Every event is
 * counted whatever its event time and however late it comes: one global window, no lateness.
 *
 * <p><b>Offset-guarded counts.</b> The running count lives in the runner's state, which a new
 * launch does not have (Direct and Flink {@code [local]} keep none across processes). So that a
 * new launch reading from {@code --startFrom=earliest} neither counts an event twice nor loses
 * what Kafka's retention deleted meanwhile, each launch is an epoch ({@link
 * Settings#launchEpoch}) and Redis keeps, beside each count, the epoch's base and the highest
 * offset counted per partition, by this epoch and by earlier ones ({@link CountedOffsets}). The
 * job skips an event that earlier epochs counted ({@link SkipCountedByEarlierLaunches}), counts
 * the rest since its launch with the highest offset per partition ({@link TypeCount.Tally}), and
 * writes {@code base + count} max-wins, the base being the total when the epoch first wrote.
 *
 * <p>Covered: a retried bundle or pane written again (max); a restart inside the epoch from the
 * runner's checkpoint (state and base agree, the job's own epoch is never skipped); a new launch
 * from the start with or without deleted records (skips what earlier epochs counted, adds the
 * rest to their total); a replay under a new consumer group (a new epoch: all skipped); Redis
 * restarted empty inside the first epoch (rewritten from state, as before); a count written by
 * an older beamkit without offsets (the first epoch takes base 0 and counts all it reads, not
 * adding it twice, as a base of the current total — the design's first form — would have).
 *
 * <p>Not covered: Redis losing its data once an earlier epoch has counted — the running job's
 * count lacks what earlier epochs counted, and a new launch counts only what is still in the
 * topic, so counts stay short (keep Redis persistent); two jobs counting into the same keys at
 * once — once the later launch has written, the older one's writes are refused with an error
 * naming it, but what the older one counted after the later one read its offsets is counted by
 * both; a new launch whose clock is behind the previous one's (refused the same way); and a
 * partition whose events of one type reached the count out of offset order in a run that then
 * stopped between the two panes: the later offset is recorded, so the next launch skips the
 * earlier event uncounted (Flink and Spark keep a partition's order up to the count; the Direct
 * runner may not, across bundles).
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
   * @param guard when counted since the start into Redis: where earlier launches' counts are,
   *     so that this launch skips what they counted; null: every event is counted
   */
  public record Config(WindowedEventTime time, Counting counting, @Nullable OffsetGuard guard) implements Serializable {
    /**
     * Counts since the start, windows of {@code windowSize} with {@code allowedLateness} when
     * counted {@link #perWindow()} ({@link WindowedEventTime#of}).
     */
    public static Config of(Duration windowSize, Duration allowedLateness) {
      return new Config(WindowedEventTime.of(windowSize, allowedLateness), Counting.SINCE_THE_START, null);
    }

    /** Counted since the start for Redis, guarded by this launch's epoch; per window for Kafka. */
    public static Config from(Settings settings) {
      WindowedEventTime time = WindowedEventTime.from(settings);
      return settings.sink() == Sink.REDIS
          ? new Config(
              time,
              Counting.SINCE_THE_START,
              new OffsetGuard(settings.redis(), settings.keyPrefix(), settings.launchEpoch()))
          : new Config(time, Counting.PER_WINDOW, null);
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
      return new Config(time, Counting.PER_WINDOW, null);
    }

    public EventTimeExtractor eventTime() {
      return userEventTime(time.eventTimeParser());
    }
  }

  /**
   * The transform's outputs: a count per event type and pane (since the start: in the global
   * window, every pane EARLY and holding all events so far), and the dead letters.
   */
  public record EventTypeCounts(PCollection<Windowed<KV<String, TypeCount>>> counts, PCollection<DeadLetter> deadLetters)
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
      WithFailures.Result<PCollection<KV<RawRecord, UserEvent>>, DeadLetter> parsed =
          input.apply(
              "Parse",
              ParseJson.of(UserEvent.class)
                  .withEventTime(config.eventTime())
                  .withMaxFutureSkew(config.maxFutureSkew())
                  .withCoder(UserEvent.Coder.of())
                  .keepingOriginals());
      PCollection<KV<String, KV<String, Long>>> positions =
          parsed
              .output()
              .apply(
                  "TypeAndPosition",
                  MapElements.into(POSITIONED)
                      .via(e -> KV.of(e.getValue().event(), position(e.getKey()))));
      if (config.guard() != null) {
        positions =
            positions.apply("SkipCountedByEarlierLaunches", ParDo.of(new SkipCountedByEarlierLaunches(config.guard())));
      }
      PCollection<KV<String, KV<String, Long>>> windowed =
          config.counting() == Counting.SINCE_THE_START
              ? positions.apply("SinceTheStart", sinceTheStart())
              : positions.apply(
                  "Window",
                  TriggeredWindows.<KV<String, KV<String, Long>>>fixed(config.windowSize())
                      .withAllowedLateness(config.allowedLateness()));
      PCollection<Windowed<KV<String, TypeCount>>> counts =
          windowed.apply("Count", Combine.perKey(new TypeCount.Tally())).apply("WindowInfo", Windowed.attach());
      return new EventTypeCounts(counts, parsed.failures());
    }
  }

  private static final TypeDescriptor<KV<String, KV<String, Long>>> POSITIONED =
      TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()));

  /** Where a record was in its log: {@code {topic}:{partition}} and offset; an empty partition for none. */
  private static KV<String, Long> position(RawRecord record) {
    return record.hasCoordinates()
        ? KV.of(CountedOffsets.partition(record.topic(), record.partition()), record.offset())
        : KV.of("", RawRecord.UNKNOWN);
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
  public static String toJson(Windowed<KV<String, TypeCount>> w) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("event", w.value().getKey());
    json.put("count", w.value().getValue().count());
    json.put("windowStart", w.windowStart().getMillis());
    json.put("windowEnd", w.windowEnd().getMillis());
    json.put("timing", w.timing().name());
    return JsonText.of(json);
  }

  public EventCounts() {
    super(DEFAULTS, Config::from, Config::eventTime, CountEventTypes::new);
  }

  /**
   * Redis: key = prefix + event type, value = the count so far (base + this launch's count, with
   * the offsets it covers: {@link CountedOffsets}); Kafka: key = event type.
   */
  @Override
  public ResultEntries<?> resultEntries(EventTypeCounts outputs, Settings settings) {
    String prefix = settings.keyPrefix();
    long epoch = settings.launchEpoch();
    return ResultEntries.of(outputs.counts())
        .toRedis(
            w -> {
              TypeCount count = w.value().getValue();
              return KV.of(prefix + w.value().getKey(), CountedOffsets.value(epoch, count.count(), count.highestOffsets()));
            },
            RedisWrite.Mode.OFFSET_GUARDED_COUNT)
        .toKafka(w -> KV.of(w.value().getKey(), toJson(w)));
  }

  public static void main(String[] args) {
    PipelineLauncher.main(new EventCounts(), args);
  }
}
