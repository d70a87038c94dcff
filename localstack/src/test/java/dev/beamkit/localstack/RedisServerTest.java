package dev.beamkit.localstack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RedisServerTest {

  private static RedisServer redis;

  @BeforeAll
  static void startRedis() {
    long started = System.nanoTime();
    redis = RedisServer.start();
    System.out.printf(
        "Redis ready after %d ms%n", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @Test
  void uriNamesLoopbackAndPort() {
    assertEquals("redis://127.0.0.1:" + redis.port(), redis.uri());
  }

  @Test
  void setThenGetReturnsTheValue() throws Exception {
    try (Resp client = new Resp(redis.port())) {
      assertEquals("+OK", client.call("SET", "greeting", "hello wörld"));
      assertEquals("hello wörld", client.call("GET", "greeting"));
      assertNull(client.call("GET", "never-set"));
    }
  }

  @Test
  void persistenceIsOff() throws Exception {
    try (Resp client = new Resp(redis.port())) {
      assertEquals("save\n", client.call("CONFIG", "GET", "save"));
      assertEquals("appendonly\nno", client.call("CONFIG", "GET", "appendonly"));
      assertEquals("bind\n127.0.0.1", client.call("CONFIG", "GET", "bind"));
    }
  }

  @Test
  void closeStopsTheProcessAndDeletesItsDirectory() {
    RedisServer own = RedisServer.start();
    ProcessHandle process = ProcessHandle.of(own.pid()).orElseThrow();
    Path dir = own.dataDir();
    assertTrue(Files.isDirectory(dir));

    own.close();

    assertFalse(process.isAlive());
    assertFalse(Files.exists(dir));
    assertFalse(RedisPing.pong(own.port()));
    own.close(); // a second close is harmless
  }

  @Test
  void embeddedBinaryIsExtractedAndRuns(@TempDir Path cache) throws Exception {
    String resource =
        RedisExecutable.resourceName(System.getProperty("os.name"), System.getProperty("os.arch"));
    Path binary = RedisExecutable.extract(resource, cache);
    assertEquals(cache.resolve(resource), binary);
    assertTrue(Files.isExecutable(binary));
    assertEquals(binary, RedisExecutable.extract(resource, cache), "a second call reuses it");
    try (RedisServer embedded = RedisServer.builder().executable(binary).start();
        Resp client = new Resp(embedded.port())) {
      assertEquals("+PONG", client.call("PING"));
      assertTrue(client.call("INFO", "server").contains("redis_version:6.2"));
    }
  }

  @Test
  void embeddedBinaryIsChosenByOsAndCpu() {
    assertEquals(
        "redis-server-6.2.6-v5-linux-amd64", RedisExecutable.resourceName("Linux", "amd64"));
    assertEquals(
        "redis-server-6.2.7-linux-arm64", RedisExecutable.resourceName("Linux", "aarch64"));
    assertEquals(
        "redis-server-6.2.6-v5-darwin-arm64", RedisExecutable.resourceName("Mac OS X", "aarch64"));
    assertThrows(
        IllegalStateException.class, () -> RedisExecutable.resourceName("SunOS", "sparcv9"));
  }

  @Test
  void portInUseFailsWithTheServersOwnReason() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      IllegalStateException e =
          assertThrows(
              IllegalStateException.class,
              () -> RedisServer.builder().port(taken.getLocalPort()).start());
      assertTrue(e.getMessage().contains("redis-server exited"), e.getMessage());
      assertTrue(e.getMessage().contains("Address already in use"), e.getMessage());
    }
  }
}
