package dev.beamkit.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.SaslAuthenticationException;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The secured stack asks for what production servers ask for, and hides its passwords. */
class SecuredStackTest {
  private static SecuredStack stack;

  @BeforeAll
  static void start() {
    stack = SecuredStack.start();
  }

  @AfterAll
  static void stop() {
    stack.close();
  }

  private static Properties clientProperties(String password) throws IOException {
    Properties properties = new Properties();
    try (Reader reader = Files.newBufferedReader(stack.kafkaClientProperties())) {
      properties.load(reader);
    }
    if (password != null) {
      properties.put("sasl.jaas.config",
          properties.getProperty("sasl.jaas.config").replace(stack.kafkaPassword(), password));
    }
    properties.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    properties.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    return properties;
  }

  @Test
  void theClientPropertiesFileProducesAndConsumesOverSaslSsl() throws Exception {
    String topic = "secured-" + UUID.randomUUID();
    stack.kafka().createTopic(topic, 1);
    Properties producer = clientProperties(null);
    producer.put("key.serializer", StringSerializer.class.getName());
    producer.put("value.serializer", StringSerializer.class.getName());
    try (KafkaProducer<String, String> out = new KafkaProducer<>(producer)) {
      out.send(new ProducerRecord<>(topic, "k", "over SASL_SSL")).get();
    }
    Properties consumer = clientProperties(null);
    consumer.put(ConsumerConfig.GROUP_ID_CONFIG, "secured-test");
    consumer.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    try (KafkaConsumer<String, String> in = new KafkaConsumer<>(consumer)) {
      in.subscribe(List.of(topic));
      long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
      while (System.nanoTime() < deadline) {
        for (ConsumerRecord<String, String> r : in.poll(Duration.ofMillis(500))) {
          assertEquals("over SASL_SSL", r.value());
          return;
        }
      }
    }
    throw new AssertionError("the record did not come back within 60 s");
  }

  @Test
  void aWrongKafkaPasswordIsRefused() throws Exception {
    try (KafkaConsumer<String, String> in = new KafkaConsumer<>(clientProperties("wrong"))) {
      assertThrows(SaslAuthenticationException.class, () -> in.listTopics(Duration.ofSeconds(15)));
    }
  }

  private static Resp redisOverTls() throws Exception {
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    try (InputStream in = Files.newInputStream(stack.tls().caCertificate())) {
      for (Certificate ca : CertificateFactory.getInstance("X.509").generateCertificates(in)) {
        trusted.setCertificateEntry("ca", ca);
      }
    }
    TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    trust.init(trusted);
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(null, trust.getTrustManagers(), null);
    int port = Integer.parseInt(stack.redis().tlsUri().replaceAll(".*:", ""));
    SSLSocket socket = (SSLSocket) tls.getSocketFactory().createSocket("127.0.0.1", port);
    socket.startHandshake();
    return new Resp(socket);
  }

  @Test
  void redisOverTlsLetsTheAclUserInWithItsPasswordOnly() throws Exception {
    try (Resp redis = redisOverTls()) {
      assertTrue(redis.call("SET", "k", "v").startsWith("-NOAUTH"));
      assertTrue(redis.call("AUTH", SecuredStack.USER, "wrong").startsWith("-WRONGPASS"));
      assertEquals("+OK", redis.call("AUTH", SecuredStack.USER, stack.redisPassword()));
      assertEquals("+OK", redis.call("SET", "k", "v"));
      assertTrue(redis.call("CONFIG", "GET", "save").startsWith("-NOPERM"), "the ACL user may not administer");
    }
    try (Resp plain = new Resp(stack.redis().port())) {
      assertTrue(plain.call("GET", "k").startsWith("-NOAUTH"));
      assertEquals("+OK", plain.call("AUTH", stack.redisDefaultPassword()));
      assertEquals("v", plain.call("GET", "k"));
    }
  }

  @Test
  void noPasswordIsOnACommandLineOrInALog() throws Exception {
    for (long pid : List.of(stack.kafka().pid(), stack.redis().pid())) {
      String commandLine = Files.readString(Path.of("/proc", Long.toString(pid), "cmdline"));
      for (String secret : List.of(stack.kafkaPassword(), stack.redisPassword(), stack.redisDefaultPassword())) {
        assertFalse(commandLine.contains(secret), "pid " + pid);
        assertFalse(Files.readString(stack.kafka().logFile()).contains(secret), "broker log");
        assertFalse(Files.readString(stack.redis().logFile()).contains(secret), "redis log");
      }
    }
    assertFalse(Files.exists(stack.kafka().dataDir().resolve("format.args")), "the format arguments are gone");
  }
}
