package dev.beamkit.pipelines.options;

import dev.beamkit.pipelines.kafka.KafkaClientSettings;
import dev.beamkit.pipelines.redis.RedisConnection;
import dev.beamkit.pipelines.redis.RedisUri;
import dev.beamkit.transforms.time.EventTimeParser;
import dev.beamkit.transforms.time.TimeFormat;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.Locale;
import org.joda.time.Duration;

/**
 * A pipeline's options, checked once and turned into typed values, with the pipeline's own
 * defaults filled in. Building a {@code Settings} is where a bad option value is caught: it throws
 * {@link OptionError}, whose message is the one line the user sees.
 */
public final class Settings {
  private final BeamkitOptions options;
  private final PipelineDefaults defaults;
  private final Duration windowSize;
  private final Duration allowedLateness;
  private final WindowEngine windowEngine;
  private final Duration maxOutOfOrderness;
  private final Duration idleTimeout;
  private final Duration maxFutureSkew;
  private final EventTimeParser eventTimeParser;
  private final boolean startFromEarliest;
  private final Sink sink;
  private final RedisConnection redis;
  private final KafkaClientSettings kafkaClients;
  private final boolean exactlyOnce;
  private final long launchEpoch = System.currentTimeMillis();

  private Settings(BeamkitOptions options, PipelineDefaults defaults) {
    this.options = options;
    this.defaults = defaults;
    this.windowSize = Durations.parse("windowSize", options.getWindowSize());
    if (windowSize.getMillis() == 0) {
      throw new OptionError("windowSize", options.getWindowSize(), "must be longer than zero");
    }
    this.allowedLateness = Durations.parse("allowedLateness", options.getAllowedLateness());
    this.windowEngine = WindowEngine.parse(options.getWindowEngine(), options.getRunner());
    this.maxOutOfOrderness = Durations.parse("maxOutOfOrderness", options.getMaxOutOfOrderness());
    this.idleTimeout = Durations.parse("idleTimeout", options.getIdleTimeout());
    this.maxFutureSkew = Durations.parse("maxFutureSkew", options.getMaxFutureSkew());
    this.eventTimeParser = parser(options.getTimestampFormat(), options.getTimestampZone());
    this.startFromEarliest = startFrom(options.getStartFrom());
    this.sink = options.getSink() == null ? defaults.sink() : Sink.parse(options.getSink());
    this.redis =
        RedisConnection.to(RedisPasswordOutOfOptions.move(redisUri(options.getRedisUri()), options))
            .withPasswordFile(orDefault(options.getRedisPasswordFile(), null))
            .withCaCert(orDefault(options.getRedisCaCert(), null));
    checkBootstrapServers(options.getBootstrapServers());
    this.kafkaClients =
        KafkaClientSettings.of(options.getBootstrapServers(), options.getKafkaProperties());
    this.exactlyOnce = ExactlyOnceSupport.check(options);
    SavepointRestore.refuse(options);
  }

  /**
   * Checks {@code options} and applies {@code defaults}; throws {@link OptionError} on a bad value.
   * A password in {@code --redisUri} is moved out of {@code options} ({@link
   * RedisPasswordOutOfOptions}), so build the settings before the pipeline.
   */
  public static Settings of(BeamkitOptions options, PipelineDefaults defaults) {
    return new Settings(options, defaults);
  }

  static EventTimeParser parser(String format, String zone) {
    TimeFormat timeFormat;
    try {
      timeFormat = TimeFormat.fromName(format);
    } catch (IllegalArgumentException e) {
      throw new OptionError("timestampFormat", format, e.getMessage());
    }
    try {
      return EventTimeParser.of(timeFormat).withZone(ZoneId.of(zone));
    } catch (DateTimeException | NullPointerException e) {
      throw new OptionError("timestampZone", zone, "not a time zone; write e.g. UTC or Europe/Berlin");
    }
  }

  private static boolean startFrom(String value) {
    switch (value == null ? "" : value.trim().toLowerCase(Locale.ROOT)) {
      case "earliest":
        return true;
      case "latest":
        return false;
      default:
        throw new OptionError("startFrom", value, "must be earliest or latest");
    }
  }

  private static RedisUri redisUri(String value) {
    try {
      return RedisUri.parse(value);
    } catch (IllegalArgumentException e) {
      throw new OptionError("redisUri", value, e.getMessage());
    }
  }

  private static void checkBootstrapServers(String value) {
    if (value == null || !value.matches("[^,:\\s]+:\\d{1,5}(,[^,:\\s]+:\\d{1,5})*")) {
      throw new OptionError("bootstrapServers", value, "must be host:port[,host:port...]");
    }
  }

  private static String orDefault(String value, String fallback) {
    return value == null || value.isBlank() ? fallback : value;
  }

  public String pipelineName() {
    return defaults.name();
  }

  public String bootstrapServers() {
    return options.getBootstrapServers();
  }

  public String inputTopic() {
    return orDefault(options.getInputTopic(), defaults.inputTopic());
  }

  public String outputTopic() {
    return orDefault(options.getOutputTopic(), defaults.outputTopic());
  }

  public String deadLetterTopic() {
    return orDefault(options.getDeadLetterTopic(), defaults.deadLetterTopic());
  }

  /** The topic for word-count's top words, or null when that output is off. */
  public String topWordsTopic() {
    String topic = options.getTopWordsTopic();
    return topic == null || topic.isBlank() ? null : topic;
  }

  /** event-counts-sql's view ({@code --query}). */
  public String query() {
    return options.getQuery();
  }

  /** event-counts-sql's Redis key template, or null for the key prefix and the group columns. */
  public String keyTemplate() {
    return options.getKeyTemplate();
  }

  public String consumerGroup() {
    return orDefault(options.getConsumerGroup(), defaults.consumerGroup());
  }

  public String keyPrefix() {
    return options.getKeyPrefix() == null ? defaults.keyPrefix() : options.getKeyPrefix();
  }

  public boolean startFromEarliest() {
    return startFromEarliest;
  }

  public Duration windowSize() {
    return windowSize;
  }

  public Duration allowedLateness() {
    return allowedLateness;
  }

  public WindowEngine windowEngine() {
    return windowEngine;
  }

  public Duration maxOutOfOrderness() {
    return maxOutOfOrderness;
  }

  public Duration idleTimeout() {
    return idleTimeout;
  }

  public Duration maxFutureSkew() {
    return maxFutureSkew;
  }

  public EventTimeParser eventTimeParser() {
    return eventTimeParser;
  }

  public Sink sink() {
    return sink;
  }

  /**
   * This launch's number, the time its options were checked in milliseconds: fixed in the job
   * graph, so a restart from the job's checkpoint (Flink's, or Spark's {@code --checkpointDir},
   * which resumes the recorded graph) keeps it and a new launch gets a later one.
   */
  public long launchEpoch() {
    return launchEpoch;
  }

  /** Where Redis results go, the password held by reference. */
  public RedisConnection redis() {
    return redis;
  }

  /** Whether a launch creates missing output and dead-letter topics ({@code --createTopics}). */
  public boolean createTopics() {
    return options.getCreateTopics();
  }

  /** Whether Kafka outputs go through KafkaIO's exactly-once sink ({@code --exactlyOnce}). */
  public boolean exactlyOnce() {
    return exactlyOnce;
  }

  /**
   * The group under which the exactly-once sink of {@code topic} keeps its progress in Kafka (and
   * names its transactional producers): one per pipeline and topic, so that results and dead
   * letters never fence each other, and a job restarted from its checkpoint or savepoint finds
   * its own.
   */
  public String exactlyOnceGroup(String topic) {
    return consumerGroup() + "-eos-" + topic;
  }

  /** What every Kafka client of the pipeline is configured with. */
  public KafkaClientSettings kafkaClients() {
    return kafkaClients;
  }
}
