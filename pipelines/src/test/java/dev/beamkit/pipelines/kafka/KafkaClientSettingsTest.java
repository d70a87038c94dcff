package dev.beamkit.pipelines.kafka;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamkit.pipelines.options.OptionError;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The --kafkaProperties file on top of what KafkaIO sets, and Kafka resolving its references. */
class KafkaClientSettingsTest {
  @TempDir Path dir;

  private Path file(String name, String text) throws IOException {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void theFileGoesOnTopOfKafkaIosConfigButKeepsTheSerializers() throws IOException {
    Path props =
        file(
            "client.properties",
            "security.protocol=SASL_SSL\nclient.id=mine\nbootstrap.servers=kafka.example:9093\n"
                + "key.serializer=org.example.Nope\n");
    Map<String, Object> config =
        KafkaClientSettings.of("127.0.0.1:9092", props.toString())
            .complete(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092",
                ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class,
                ProducerConfig.CLIENT_ID_CONFIG, "kafkaio"));
    assertEquals("SASL_SSL", config.get("security.protocol"));
    assertEquals("mine", config.get("client.id"));
    assertEquals("kafka.example:9093", config.get("bootstrap.servers"));
    assertEquals(StringSerializer.class, config.get("key.serializer"));
  }

  @Test
  void withoutAFileOnlyTheBootstrapServersAreAdded() {
    Map<String, Object> config = KafkaClientSettings.of("127.0.0.1:9092", null).complete(Map.of());
    assertEquals(Map.of("bootstrap.servers", "127.0.0.1:9092"), config);
  }

  /**
   * The references stay references in beamkit (and so in the serialized job); Kafka's own config
   * classes resolve them when a client is built.
   */
  @Test
  void kafkaResolvesFileAndEnvironmentReferencesWhenTheClientIsBuilt() throws Exception {
    Path secrets = file("secrets.properties", "password=s3cret-from-file\n");
    String jaas = "org.apache.kafka.common.security.scram.ScramLoginModule required"
        + " username=\"app\" password=\"${file:" + secrets + ":password}\";";
    Path props =
        file(
            "client.properties",
            "config.providers=file,env\n"
                + "config.providers.file.class=org.apache.kafka.common.config.provider.FileConfigProvider\n"
                + "config.providers.env.class=org.apache.kafka.common.config.provider.EnvVarConfigProvider\n"
                + "security.protocol=SASL_SSL\nsasl.mechanism=SCRAM-SHA-512\n"
                + "sasl.jaas.config=" + jaas.replace("\\", "\\\\") + "\n"
                + "client.id=${env:HOME}\n");
    KafkaClientSettings settings = KafkaClientSettings.of("127.0.0.1:9092", props.toString());
    Map<String, Object> unresolved =
        settings.complete(Map.of(
            ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class,
            ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class));
    assertFalse(unresolved.toString().contains("s3cret-from-file"), "beamkit resolves nothing itself");
    assertFalse(new String(SerializableUtils.serializeToByteArray(settings)).contains("s3cret"));

    ConsumerConfig resolved = new ConsumerConfig(unresolved);
    assertTrue(
        resolved.getPassword(SaslConfigs.SASL_JAAS_CONFIG).value().contains("password=\"s3cret-from-file\""));
    assertEquals(System.getenv("HOME"), resolved.getString(ConsumerConfig.CLIENT_ID_CONFIG));
  }

  @Test
  void anUnreadableFileIsOneLineNamingTheOption() {
    OptionError e =
        assertThrows(OptionError.class, () -> KafkaClientSettings.of("h:1", dir.resolve("missing").toString()));
    assertTrue(e.getMessage().startsWith("--kafkaProperties=" + dir.resolve("missing") + ": cannot read"), e.getMessage());
  }
}
