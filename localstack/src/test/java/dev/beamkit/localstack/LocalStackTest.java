package dev.beamkit.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

class LocalStackTest {

  @Test
  void closeStopsBothProcessesAndDeletesTheirDirectories() {
    long started = System.nanoTime();
    LocalStack stack = LocalStack.start();
    System.out.printf(
        "LocalStack (Kafka + Redis) ready after %d ms%n",
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    ProcessHandle kafka = ProcessHandle.of(stack.kafka().pid()).orElseThrow();
    ProcessHandle redis = ProcessHandle.of(stack.redis().pid()).orElseThrow();
    Path kafkaDir = stack.kafka().dataDir();
    Path redisDir = stack.redis().dataDir();
    assertTrue(Files.isDirectory(kafkaDir));
    assertTrue(Files.isDirectory(redisDir));

    stack.close();

    assertFalse(kafka.isAlive(), "broker process still alive");
    assertFalse(redis.isAlive(), "redis-server process still alive");
    assertFalse(Files.exists(kafkaDir), kafkaDir + " still exists");
    assertFalse(Files.exists(redisDir), redisDir + " still exists");
  }

  @Test
  void sharedStackIsStartedOnceServesBothAndOutlivesClose() throws Exception {
    LocalStack shared = LocalStack.shared();
    assertSame(shared, LocalStack.shared());

    shared.close();

    assertTrue(ProcessHandle.of(shared.kafka().pid()).map(ProcessHandle::isAlive).orElse(false));
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", shared.bootstrapServers()))) {
      assertEquals(1, admin.describeCluster().nodes().get(30, TimeUnit.SECONDS).size());
    }
    assertEquals("redis://127.0.0.1:" + shared.redis().port(), shared.redisUri());
    try (Resp client = new Resp(shared.redis().port())) {
      assertEquals("+PONG", client.call("PING"));
    }
  }
}
