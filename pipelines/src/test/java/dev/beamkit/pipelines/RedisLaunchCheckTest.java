package dev.beamkit.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.beamkit.localstack.LocalStack;
import dev.beamkit.localstack.ProcessFreeze;
import dev.beamkit.localstack.RedisServer;
import dev.beamkit.pipelines.sensors.SensorDownsample;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Mistakes on the Redis side of a {@code --sink=redis} launch end it within 15 s, JVM start
 * included, with one line naming {@code --redisUri}: nothing listens there, the server refuses the
 * password, the server accepts the connection but is frozen (SIGSTOP keeps its listening socket).
 */
class RedisLaunchCheckTest {
  private final LocalStack stack = LocalStack.shared();
  @TempDir Path dir;

  /** sensor-downsample with results to {@code redisUri} and the shared broker, which answers. */
  private LaunchInItsOwnJvm.Result launch(String redisUri, String... more) throws Exception {
    List<String> args = new ArrayList<>(List.of("--bootstrapServers=" + stack.bootstrapServers(), "--sink=redis", "--redisUri=" + redisUri));
    args.addAll(List.of(more));
    return LaunchInItsOwnJvm.run(SensorDownsample.class, args.toArray(new String[0]));
  }

  @Test
  void aRedisWhereNothingListensIsNamed() throws Exception {
    int closed;
    try (ServerSocket socket = new ServerSocket(0)) {
      closed = socket.getLocalPort();
    }
    LaunchInItsOwnJvm.Result launch = launch("redis://127.0.0.1:" + closed);
    assertEquals(2, launch.exit(), launch.stderr());
    assertEquals(
        "sensor-downsample: --redisUri=redis://127.0.0.1:" + closed + "/0: nothing listens there (connection refused); check the address",
        launch.stderr());
  }

  @Test
  void aRedisThatRefusesThePasswordIsNamed() throws Exception {
    try (RedisServer redis = RedisServer.builder().user("default", "right-password").start()) {
      Path wrong = Files.writeString(dir.resolve("redis-password"), "wrong-password");
      LaunchInItsOwnJvm.Result launch = launch(redis.uri(), "--redisPasswordFile=" + wrong);
      assertEquals(1, launch.exit(), launch.stderr());
      assertEquals(
          "sensor-downsample: --redisUri=" + redis.uri() + "/0: WRONGPASS invalid username-password pair or user is disabled.",
          launch.stderr());
    }
  }

  @Test
  void aFrozenRedisIsNamed() throws Exception {
    try (RedisServer redis = RedisServer.start();
        ProcessFreeze frozen = ProcessFreeze.of(redis.pid())) {
      LaunchInItsOwnJvm.Result launch = launch(redis.uri());
      assertEquals(2, launch.exit(), launch.stderr());
      assertEquals(
          "sensor-downsample: --redisUri=" + redis.uri()
              + "/0: no Redis answer within 2 s (a frozen server, or another service at that address); check the address",
          launch.stderr());
    }
  }
}
