package dev.beamkit.pipelines.kafka;

import dev.beamkit.pipelines.options.OptionError;
import dev.beamkit.pipelines.options.Settings;
import dev.beamkit.pipelines.options.Sink;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.Node;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The one Kafka client of a launch: it logs in with the pipeline's own client settings and asks
 * the cluster, before a job is handed to a runner, whether the job can work at all: the bootstrap
 * servers answer, the input topic exists, and the output and dead-letter topics exist, will be
 * created on first write, or are created now ({@code --createTopics}). Each mistake becomes one
 * {@link OptionError} naming the option, within {@link #PATIENCE} — instead of a job that waits
 * a minute in silence (the consumer retries an unreachable broker forever, and a producer blocks
 * 60 s for a missing topic) and then fails somewhere inside the runner with a stack trace.
 */
public final class KafkaPreflight implements AutoCloseable {
  /** How long the cluster has to answer each question once it has answered the first. */
  static final Duration PATIENCE = Duration.ofSeconds(8);

  /**
   * How long the bootstrap servers have for the first answer, the cluster's brokers. A listener
   * that accepts the connection and never answers (a frozen broker keeps its listening socket,
   * another service at that port, a listener of another {@code security.protocol}) costs this
   * much on top of the JVM's start, which takes 4 s here and up to 10 s on 2 busy cores: 5 s keeps
   * the launch under 15 s. A live remote broker answers well within it: TCP, TLS, a SASL SCRAM
   * exchange, ApiVersions and Metadata are about 7 round trips, 2 s at an intercontinental 300 ms.
   */
  static final Duration FIRST_ANSWER = Duration.ofSeconds(5);

  private final Settings settings;
  private final Map<String, Object> config;
  private @Nullable Admin admin;
  private @Nullable Collection<Node> brokers;

  private KafkaPreflight(Settings settings) {
    this.settings = settings;
    this.config = adminConfig(settings);
  }

  /**
   * The check of the Kafka side of {@code settings}; it has not talked to the cluster yet.
   *
   * @throws OptionError naming {@code --kafkaProperties} when that file cannot be read
   */
  public static KafkaPreflight connect(Settings settings) {
    return new KafkaPreflight(settings);
  }

  /** Logs in and checks the topics of {@code settings}; throws on the first mistake. */
  public static void check(Settings settings) {
    try (KafkaPreflight kafka = connect(settings)) {
      kafka.logIn();
      kafka.checkTopics();
    }
  }

  /** The bootstrap servers the client really uses: a {@code bootstrap.servers} in the properties file wins. */
  public String servers() {
    return String.valueOf(config.get(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG));
  }

  /**
   * Creates the client and asks the cluster for its brokers, which needs a working login.
   *
   * @throws OptionError naming {@code --bootstrapServers} when every address refuses the connection
   *     or no broker answers within {@link #FIRST_ANSWER}
   * @throws org.apache.kafka.common.KafkaException as the client raised it when the settings are
   *     unusable or the cluster refuses the client (a wrong password, an untrusted certificate)
   */
  public void logIn() {
    if (BootstrapProbe.allRefuse(servers())) {
      throw new OptionError(
          "bootstrapServers", settings.bootstrapServers(), "nothing listens there (connection refused); check the address");
    }
    admin = Admin.create(config);
    try {
      brokers = admin.describeCluster().nodes().get(FIRST_ANSWER.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException refused
          && !(refused instanceof org.apache.kafka.common.errors.TimeoutException)) {
        throw refused;
      }
      throw noKafkaAnswer();
    } catch (TimeoutException e) {
      throw noKafkaAnswer();
    } catch (InterruptedException e) {
      throw failure(e, "bootstrapServers", settings.bootstrapServers());
    }
  }

  private OptionError noKafkaAnswer() {
    return new OptionError(
        "bootstrapServers",
        settings.bootstrapServers(),
        "no Kafka answer within " + FIRST_ANSWER.toSeconds() + " s (a frozen broker, another service at that address,"
            + " or a listener of another security.protocol); check the address and security.protocol");
  }

  /** Checks the topics after {@link #logIn}; throws {@link OptionError} on the first mistake. */
  public void checkTopics() {
    if (admin == null || brokers == null) {
      throw new IllegalStateException("checkTopics before logIn");
    }
    Set<String> topics = ask(admin.listTopics().names(), "bootstrapServers", settings.bootstrapServers());
    if (!topics.contains(settings.inputTopic())) {
      throw new OptionError(
          "inputTopic", settings.inputTopic(), "no such topic on " + settings.bootstrapServers());
    }
    Map<String, String> outputs = outputTopics();
    Map<String, String> missing = new LinkedHashMap<>(outputs);
    missing.values().removeIf(topics::contains);
    if (!missing.isEmpty()) {
      if (settings.createTopics()) {
        create(missing);
      } else if (!createsTopicsOnWrite()) {
        Map.Entry<String, String> first = missing.entrySet().iterator().next();
        throw new OptionError(
            first.getKey(),
            first.getValue(),
            "no such topic on " + settings.bootstrapServers()
                + ", and the broker does not create topics on first write; create it, or launch with --createTopics");
      }
    }
    if (settings.exactlyOnce()) {
      for (String topic : outputs.values()) {
        checkNoEarlierExactlyOnceProgress(topic);
      }
    }
  }

  /** The topics the job writes, by the option that names them. */
  private Map<String, String> outputTopics() {
    Map<String, String> outputs = new LinkedHashMap<>();
    if (settings.sink() == Sink.KAFKA) {
      outputs.put("outputTopic", settings.outputTopic());
    }
    if (settings.topWordsTopic() != null) {
      outputs.put("topWordsTopic", settings.topWordsTopic());
    }
    outputs.put("deadLetterTopic", settings.deadLetterTopic());
    return outputs;
  }

  /**
   * Creates the topics of {@code missing} (option to topic) with one partition and the brokers'
   * default replication ({@code --createTopics}); a refusal names the topic's option. A topic
   * that another launch created meanwhile is fine.
   */
  private void create(Map<String, String> missing) {
    List<NewTopic> requests = new ArrayList<>();
    new LinkedHashSet<>(missing.values()).forEach(t -> requests.add(new NewTopic(t, Optional.of(1), Optional.empty())));
    Map<String, KafkaFuture<Void>> created = admin.createTopics(requests).values();
    missing.forEach((option, topic) -> {
      try {
        created.get(topic).get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
      } catch (ExecutionException e) {
        if (!(e.getCause() instanceof TopicExistsException)) {
          throw failure(e, option, topic);
        }
      } catch (TimeoutException | InterruptedException e) {
        throw failure(e, "bootstrapServers", settings.bootstrapServers());
      }
    });
  }

  /**
   * KafkaIO's exactly-once sink refuses progress in its group that its own state does not know
   * ("Kafka metadata exists ... but there is no stored state"), and on Flink the job would then
   * restart over and over: a job started afresh must not find an earlier one's progress (a job
   * restarted by Flink itself from its checkpoint does not come through here).
   */
  private void checkNoEarlierExactlyOnceProgress(String topic) {
    String group = settings.exactlyOnceGroup(topic);
    if (!ask(admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata(), "bootstrapServers", settings.bootstrapServers())
        .isEmpty()) {
      throw new OptionError(
          "consumerGroup",
          settings.consumerGroup(),
          "an earlier --exactlyOnce job wrote " + topic + " under group " + group
              + ", whose progress a new job cannot take over; start it with a new --consumerGroup");
    }
  }

  @Override
  public void close() {
    if (admin != null) {
      // Every answer the check needs has been awaited; waiting for calls still pending (those
      // that timed out) would only delay the one-line error by up to another PATIENCE.
      admin.close(Duration.ZERO);
    }
  }

  /** Whether the brokers auto-create a topic that a producer writes to (Kafka's default; production clusters turn it off). */
  private boolean createsTopicsOnWrite() {
    List<ConfigResource> resources = new ArrayList<>();
    brokers.forEach(b -> resources.add(new ConfigResource(ConfigResource.Type.BROKER, b.idString())));
    Map<ConfigResource, Config> configs =
        ask(admin.describeConfigs(resources).all(), "bootstrapServers", settings.bootstrapServers());
    return configs.values().stream()
        .allMatch(c -> {
          ConfigEntry entry = c.get("auto.create.topics.enable");
          return entry == null || Boolean.parseBoolean(entry.value());
        });
  }

  /** An admin client with the pipeline's own client settings (security included). */
  private static Map<String, Object> adminConfig(Settings settings) {
    Map<String, Object> config = new LinkedHashMap<>();
    config.put(AdminClientConfig.CLIENT_ID_CONFIG, "beamkit-preflight");
    config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) PATIENCE.toMillis());
    config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) PATIENCE.toMillis());
    return settings.kafkaClients().complete(config);
  }

  private static OptionError unanswered(String option, String value) {
    return new OptionError(
        option, value, "no Kafka broker answered within " + PATIENCE.toSeconds() + " s; check the address and security.protocol");
  }

  /** Waits for one answer; an unreachable or failing cluster becomes an error naming {@code option}. */
  private static <T> T ask(KafkaFuture<T> answer, String option, String value) {
    try {
      return answer.get(PATIENCE.toMillis(), TimeUnit.MILLISECONDS);
    } catch (ExecutionException | TimeoutException | InterruptedException e) {
      throw failure(e, option, value);
    }
  }

  /** What a failed question means for the user: no answer in time, or the cluster's refusal. */
  private static RuntimeException failure(Exception e, String option, String value) {
    if (e instanceof InterruptedException) {
      Thread.currentThread().interrupt();
      return new IllegalStateException("interrupted while asking " + value, e);
    }
    Throwable cause = e instanceof ExecutionException ? e.getCause() : e;
    if (cause instanceof TimeoutException || cause instanceof org.apache.kafka.common.errors.TimeoutException) {
      return unanswered(option, value);
    }
    return new OptionError(
        option,
        value,
        "the Kafka cluster refused: "
            + (cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage()));
  }
}
