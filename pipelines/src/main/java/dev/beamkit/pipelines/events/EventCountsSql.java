package dev.beamkit.pipelines.events;

import dev.beamkit.pipelines.BeamkitPipeline;
import dev.beamkit.pipelines.PipelineLauncher;
import dev.beamkit.pipelines.ResultSinks;
import dev.beamkit.pipelines.kafka.KafkaSource;
import dev.beamkit.pipelines.options.BeamkitOptions;
import dev.beamkit.pipelines.options.OptionError;
import dev.beamkit.pipelines.options.PipelineDefaults;
import dev.beamkit.pipelines.options.Settings;
import dev.beamkit.pipelines.options.Sink;
import dev.beamkit.pipelines.redis.RedisWrite;
import dev.beamkit.transforms.DeadLetter;
import dev.beamkit.transforms.time.EventTimeExtractor;
import dev.beamkit.transforms.ParseJson;
import dev.beamkit.transforms.RawRecord;
import java.util.Locale;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.Row;

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
public final class EventCountsSql implements BeamkitPipeline {
  public static final PipelineDefaults DEFAULTS =
      new PipelineDefaults(
          "event-counts-sql",
          EventCounts.DEFAULTS.inputTopic(),
          EventCounts.DEFAULTS.outputTopic(),
          EventCounts.DEFAULTS.deadLetterTopic(),
          EventCounts.DEFAULTS.keyPrefix(),
          Sink.REDIS);

  /** Parses and timestamps user events with all their fields; dead letters as in event-counts. */
  public static WithFailures.Result<PCollection<UserEventRow>, DeadLetter> parse(
      PCollection<RawRecord> input, Settings settings) {
    return input.apply(
        "Parse",
        ParseJson.of(UserEventRow.class)
            .withRequiredFields("event")
            .withEventTime(EventCounts.TIME_FIELD, settings.eventTimeParser()));
  }

  @Override
  public PipelineDefaults defaults() {
    return DEFAULTS;
  }

  @Override
  public void assemble(Pipeline pipeline, Settings settings) {
    if (settings.sink() != Sink.REDIS) {
      throw new OptionError("sink", settings.sink().name().toLowerCase(Locale.ROOT), DEFAULTS.name() + " writes only to redis");
    }
    BeamkitOptions options = pipeline.getOptions().as(BeamkitOptions.class);
    PCollection<RawRecord> input =
        pipeline.apply(
            "ReadKafka",
            KafkaSource.withEventTime(
                settings, EventTimeExtractor.field(EventCounts.TIME_FIELD, settings.eventTimeParser())));
    WithFailures.Result<PCollection<UserEventRow>, DeadLetter> parsed = parse(input, settings);
    ResultSinks.deadLetters(parsed.failures(), settings);
    PCollection<Row> view = parsed.output().apply("LiveView", SqlLiveView.of(options.getQuery()));
    ResultSinks.redis(
        view,
        SqlRowEntry.of(view.getSchema(), options.getQuery(), options.getKeyTemplate(), settings.keyPrefix()),
        RedisWrite.Mode.MAX,
        settings);
  }

  public static void main(String[] args) {
    PipelineLauncher.main(new EventCountsSql(), args);
  }
}
