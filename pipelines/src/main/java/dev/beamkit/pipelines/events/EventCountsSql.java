package dev.beamkit.pipelines.events;

import dev.beamkit.pipelines.BeamkitPipeline;
import dev.beamkit.pipelines.PipelineLauncher;
import dev.beamkit.pipelines.PipelineOutputs;
import dev.beamkit.pipelines.ResultEntries;
import dev.beamkit.pipelines.options.EventTimeDefaults;
import dev.beamkit.pipelines.options.PipelineDefaults;
import dev.beamkit.pipelines.options.Settings;
import dev.beamkit.pipelines.options.Sink;
import dev.beamkit.pipelines.redis.RedisWrite;
import dev.beamkit.transforms.DeadLetter;
import dev.beamkit.transforms.ParseJson;
import dev.beamkit.transforms.RawRecord;
import dev.beamkit.transforms.time.EventTimeExtractor;
import dev.beamkit.transforms.time.EventTimeParser;
import java.io.Serializable;
import java.util.Map;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PValue;
import org.apache.beam.sdk.values.Row;
import org.apache.beam.sdk.values.TupleTag;
import org.joda.time.Duration;

/**
 * event-counts-sql: event-counts with its view written in SQL. User events from Kafka {@code
 * user-events} are the table {@code user_events} (columns {@code event_timestamp}, {@code user},
 * {@code page}, {@code event}); {@code --query} (default {@value SqlLiveView#COUNT_PER_EVENT})
 * is kept current in Redis, one key per result group (see {@link SqlRowEntry}; {@code
 * --keyTemplate}, e.g. {@code pages:{page}}). With the default query Redis holds exactly what
 * event-counts writes: {@code events:<event>} = count.
 *
 * <p>Writes are idempotent as in {@link EventCounts}: every result row is the group's absolute
 * value so far, and Redis keeps the largest value written. Redis is the only sink.
 */
public final class EventCountsSql extends BeamkitPipeline<EventCountsSql.Config, EventCountsSql.LiveViewRows> {
  public static final PipelineDefaults DEFAULTS =
      new PipelineDefaults(
          "event-counts-sql",
          EventCounts.DEFAULTS.inputTopic(),
          EventCounts.DEFAULTS.outputTopic(),
          EventCounts.DEFAULTS.deadLetterTopic(),
          EventCounts.DEFAULTS.keyPrefix(),
          Sink.REDIS);

  /**
   * The values the transform needs.
   *
   * @param eventTimeParser how the event time is read, by the source and the parse step alike
   * @param maxFutureSkew events further ahead of the wall clock are dead letters, as in event-counts
   * @param query the view, over table {@value SqlLiveView#TABLE}
   */
  public record Config(EventTimeParser eventTimeParser, Duration maxFutureSkew, String query) implements Serializable {
    /** The view {@code query}, event times read and bounded as by default ({@link EventTimeDefaults}). */
    public static Config of(String query) {
      return new Config(EventTimeDefaults.parser(), EventTimeDefaults.maxFutureSkew(), query);
    }

    public static Config from(Settings settings) {
      return new Config(settings.eventTimeParser(), settings.maxFutureSkew(), settings.query());
    }

    /** The event time as in event-counts: {@link EventCounts#userEventTime}. */
    public EventTimeExtractor eventTime() {
      return EventCounts.userEventTime(eventTimeParser);
    }
  }

  /** The transform's outputs: the view's result rows as they change, and the dead letters. */
  public record LiveViewRows(PCollection<Row> rows, PCollection<DeadLetter> deadLetters) implements PipelineOutputs {
    @Override
    public Map<TupleTag<?>, PValue> expand() {
      return Map.of(new TupleTag<>("rows"), rows, new TupleTag<>("deadLetters"), deadLetters);
    }
  }

  /** The parse step: user events with all their fields; dead letters as in event-counts. */
  public static ParseJson<UserEventRow> parseRows(Config config) {
    return ParseJson.of(UserEventRow.class)
        .withRequiredFields("event")
        .withEventTime(config.eventTime())
        .withMaxFutureSkew(config.maxFutureSkew());
  }

  /** Parse, timestamp and keep the query's view current; the input may come from Kafka or a TestStream. */
  public static final class QueryUserEvents extends PTransform<PCollection<RawRecord>, LiveViewRows> {
    private final Config config;

    public QueryUserEvents(Config config) {
      this.config = config;
    }

    @Override
    public LiveViewRows expand(PCollection<RawRecord> input) {
      WithFailures.Result<PCollection<UserEventRow>, DeadLetter> parsed = input.apply("Parse", parseRows(config));
      return new LiveViewRows(parsed.output().apply("LiveView", SqlLiveView.of(config.query())), parsed.failures());
    }
  }

  public EventCountsSql() {
    super(DEFAULTS, Config::from, Config::eventTime, QueryUserEvents::new);
  }

  /** Redis only, one key per result group ({@link SqlRowEntry}); {@code --sink=kafka} is an option error. */
  @Override
  public ResultEntries<?> resultEntries(LiveViewRows outputs, Settings settings) {
    PCollection<Row> rows = outputs.rows();
    return ResultEntries.of(rows)
        .toRedis(
            SqlRowEntry.of(rows.getSchema(), settings.query(), settings.keyTemplate(), settings.keyPrefix()),
            RedisWrite.Mode.MAX);
  }

  public static void main(String[] args) {
    PipelineLauncher.main(new EventCountsSql(), args);
  }
}
