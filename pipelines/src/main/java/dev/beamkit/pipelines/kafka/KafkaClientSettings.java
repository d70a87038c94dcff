package dev.beamkit.pipelines.kafka;

import dev.beamkit.pipelines.options.OptionError;
import java.io.IOException;
import java.io.Reader;
import java.io.Serializable;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The one place where beamkit's Kafka clients (source, result sink, dead-letter sink, the
 * connection check) get their settings: the bootstrap servers, then every entry of the {@code
 * --kafkaProperties} file ({@code client.properties} as {@code kafka-console-consumer
 * --consumer.config} reads it), so any client setting works — SASL, TLS, {@code client.id},
 * timeouts.
 *
 * <p>Only the file's path travels with the job. The file is read when a client is created, on the
 * machine that runs it, and secrets in it may be references that the Kafka client resolves itself
 * ({@code config.providers=file,env} with {@code ${file:/path:key}} or {@code ${env:NAME}}): a
 * pipeline option, which runners publish, never holds a secret value.
 */
public final class KafkaClientSettings implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The (de)serializers beamkit's byte and string pipelines depend on; the file cannot change them. */
  private static final Set<String> OWN_KEYS =
      Set.of(
          ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG,
          ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG,
          ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG,
          ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG);

  private final String bootstrapServers;
  private final @Nullable String propertiesFile;

  private KafkaClientSettings(String bootstrapServers, @Nullable String propertiesFile) {
    this.bootstrapServers = bootstrapServers;
    this.propertiesFile = propertiesFile;
  }

  /**
   * Clients of {@code bootstrapServers} with the settings of {@code propertiesFile} (null: none).
   * The file is read once here, so that a missing or unreadable file stops the launch with one
   * line, and again wherever a client is created.
   *
   * @throws OptionError naming {@code --kafkaProperties} when the file cannot be read
   */
  public static KafkaClientSettings of(String bootstrapServers, @Nullable String propertiesFile) {
    KafkaClientSettings settings = new KafkaClientSettings(bootstrapServers, propertiesFile);
    settings.fileProperties();
    return settings;
  }

  /** The bootstrap servers that KafkaIO is given; a {@code bootstrap.servers} in the file wins. */
  public String bootstrapServers() {
    return bootstrapServers;
  }

  /**
   * {@code config} (what KafkaIO or a beamkit tool sets) with the file's entries on top, except
   * the (de)serializers. Values are left as written: Kafka resolves {@code ${...}} references
   * when the client is created.
   */
  public Map<String, Object> complete(Map<String, Object> config) {
    Map<String, Object> all = new HashMap<>(config);
    all.putIfAbsent(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    fileProperties().forEach((key, value) -> {
      if (!OWN_KEYS.contains(key.toString())) {
        all.put(key.toString(), value);
      }
    });
    return all;
  }

  /** For {@code KafkaIO.read().withConsumerFactoryFn}: consumers made with {@link #complete}. */
  public SerializableFunction<Map<String, Object>, Consumer<byte[], byte[]>> consumers() {
    return config -> new KafkaConsumer<>(complete(config));
  }

  /** For {@code KafkaIO.write().withProducerFactoryFn}: producers made with {@link #complete}. */
  public <K, V> SerializableFunction<Map<String, Object>, Producer<K, V>> producers() {
    return config -> new KafkaProducer<>(complete(config));
  }

  private Properties fileProperties() {
    Properties properties = new Properties();
    if (propertiesFile == null || propertiesFile.isBlank()) {
      return properties;
    }
    try (Reader reader = Files.newBufferedReader(Path.of(propertiesFile))) {
      properties.load(reader);
    } catch (IOException e) {
      throw new OptionError("kafkaProperties", propertiesFile, "cannot read: " + e);
    }
    return properties;
  }
}
