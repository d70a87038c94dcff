package dev.beamkit.pipelines.options;

import dev.beamkit.pipelines.events.SqlLiveView;
import org.apache.beam.sdk.options.Default;
import org.apache.beam.sdk.options.Description;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.StreamingOptions;

/**
 * Options every beamkit pipeline understands. Values that differ per pipeline (topics, key
 * prefix) default to null here and are filled in by {@link PipelineDefaults}, so that one
 * options interface serves all pipelines and {@code --help} shows a single list.
 *
 * <p>Durations are written like {@code 10s}, {@code 500ms}, {@code 2m} or ISO-8601 {@code PT10S}.
 */
public interface BeamkitOptions extends PipelineOptions, StreamingOptions {

  @Description("Kafka bootstrap servers, host:port[,host:port...].")
  @Default.String("127.0.0.1:9092")
  String getBootstrapServers();

  void setBootstrapServers(String value);

  @Description(
      "Kafka topic to read. Default per pipeline: raw-temp-data, user-events, text-stream.")
  String getInputTopic();

  void setInputTopic(String value);

  @Description(
      "Kafka topic to write results to when --sink=kafka. Default per pipeline:"
          + " agg-temperature, event-counts, word-counts.")
  String getOutputTopic();

  void setOutputTopic(String value);

  @Description("Kafka topic for dead letters (records that could not be parsed or timestamped).")
  String getDeadLetterTopic();

  void setDeadLetterTopic(String value);

  @Description("Kafka consumer group id. Default: beamkit-<pipeline>.")
  String getConsumerGroup();

  void setConsumerGroup(String value);

  @Description("Where to start reading when the group has no committed offset: earliest or latest.")
  @Default.String("earliest")
  String getStartFrom();

  void setStartFrom(String value);

  @Description("Fixed window size, e.g. 10s.")
  @Default.String("10s")
  String getWindowSize();

  void setWindowSize(String value);

  @Description("How long after a window closes late data is still counted, e.g. 1s.")
  @Default.String("1s")
  String getAllowedLateness();

  void setAllowedLateness(String value);

  @Description(
      "Which engine computes per-window results: beam (Beam's window operator, every runner) or"
          + " stateful (a stateful DoFn with event-time timers: the same panes, cheaper, and"
          + " too-late records go to the dead-letter topic; not on Spark).")
  @Default.String("beam")
  String getWindowEngine();

  void setWindowEngine(String value);

  @Description(
      "Format of the event-time field: auto, iso-local, iso-offset, sql, epoch-millis,"
          + " epoch-seconds.")
  @Default.String("auto")
  String getTimestampFormat();

  void setTimestampFormat(String value);

  @Description("Time zone for event times written without one, e.g. UTC or Europe/Berlin.")
  @Default.String("UTC")
  String getTimestampZone();

  void setTimestampZone(String value);

  @Description(
      "How far event times may run behind the newest one seen on a partition before they are"
          + " late; the watermark trails the newest event time by this much.")
  @Default.String("0s")
  String getMaxOutOfOrderness();

  void setMaxOutOfOrderness(String value);

  @Description(
      "After this long without new records on a partition, its watermark moves to the wall"
          + " clock, so an idle partition does not hold windows open forever.")
  @Default.String("5s")
  String getIdleTimeout();

  void setIdleTimeout(String value);

  @Description(
      "Event times more than this ahead of the wall clock are dead-lettered (step"
          + " event-time-out-of-range) instead of being counted, and never move the watermark.")
  @Default.String("1h")
  String getMaxFutureSkew();

  void setMaxFutureSkew(String value);

  @Description(
      "Where results go: kafka or redis. Default per pipeline: kafka for sensor-downsample and"
          + " word-count, redis for event-counts.")
  String getSink();

  void setSink(String value);

  @Description(
      "Write Kafka results and dead letters with KafkaIO's exactly-once sink: each committed"
          + " in a Kafka transaction at a Flink checkpoint, so read_committed consumers see every"
          + " record once, even after a task failure. FlinkRunner with --checkpointingInterval"
          + " only; results appear one checkpoint later. With --sink=redis it covers the dead"
          + " letters (Redis writes are overwrites of absolute values already).")
  @Default.Boolean(false)
  boolean getExactlyOnce();

  void setExactlyOnce(boolean value);

  @Description(
      "Create the output and dead-letter topics (one partition each) when they do not exist,"
          + " before the job starts. Without it a missing one stops the launch, as a missing"
          + " --inputTopic always does, unless the brokers create topics on first write.")
  @Default.Boolean(false)
  boolean getCreateTopics();

  void setCreateTopics(boolean value);

  @Description(
      "Kafka client settings file (client.properties, as kafka-console-consumer --consumer.config"
          + " reads it), applied to the source, the result sink and the dead-letter sink, e.g."
          + " security.protocol=SASL_SSL. Read where the job runs; secrets in it may be references"
          + " (config.providers=file,env and ${file:/path:key}, ${env:NAME}).")
  String getKafkaProperties();

  void setKafkaProperties(String value);

  @Description(
      "Redis server, redis://[user:password@]host:port[/db] (rediss:// for TLS). A password here"
          + " is moved out of the options before the job starts; prefer --redisPasswordFile.")
  @Default.String("redis://127.0.0.1:6379")
  String getRedisUri();

  void setRedisUri(String value);

  @Description(
      "File holding the Redis password, read where the job runs. Without it (and without one in"
          + " --redisUri) the environment variable REDISCLI_AUTH is used, as redis-cli does.")
  String getRedisPasswordFile();

  void setRedisPasswordFile(String value);

  @Description("PEM file of the CA certificates to trust for rediss:// (default: the JVM's).")
  String getRedisCaCert();

  void setRedisCaCert(String value);

  @Description(
      "word-count only: also write the top 10 words of every window pane to this Kafka topic."
          + " Default: none (no top-words output).")
  String getTopWordsTopic();

  void setTopWordsTopic(String value);

  @Description("Prefix for every Redis key this pipeline writes. Default per pipeline.")
  String getKeyPrefix();

  void setKeyPrefix(String value);

  @Description(
      "event-counts-sql: the Beam SQL query kept current in Redis, over the table user_events"
          + " (event_timestamp, user, page, event); GROUP BY, last column a growing number.")
  @Default.String(SqlLiveView.COUNT_PER_EVENT)
  String getQuery();

  void setQuery(String value);

  @Description(
      "event-counts-sql: Redis key of a result row, {column} replaced by its value, e.g."
          + " pages:{page}. Default: the key prefix and the group columns joined by ':'.")
  String getKeyTemplate();

  void setKeyTemplate(String value);

  @Description(
      "bin/beamkit run prints a status line this often (records parsed, dead-lettered,"
          + " dropped/too-late, written, input lag behind the wall clock); 0s prints none.")
  @Default.String("10s")
  String getStatusEvery();

  void setStatusEvery(String value);
}
