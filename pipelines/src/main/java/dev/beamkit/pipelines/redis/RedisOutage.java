package dev.beamkit.pipelines.redis;

import java.time.Duration;
import redis.clients.jedis.exceptions.JedisConnectionException;

/**
 * How long a job waits for a Redis that stopped answering or restarts before it fails the bundle
 * (on the DirectRunner a failed bundle ends the job): growing pauses, for up to {@link #PATIENCE}.
 * One per attempt at a bundle.
 */
public final class RedisOutage {
  static final Duration PATIENCE = Duration.ofMinutes(2);
  private static final Duration FIRST_PAUSE = Duration.ofMillis(250);
  private static final Duration LONGEST_PAUSE = Duration.ofSeconds(10);

  private final RedisConnection redis;
  private final long giveUp = System.nanoTime() + PATIENCE.toNanos();
  private Duration pause = FIRST_PAUSE;

  private RedisOutage(RedisConnection redis) {
    this.redis = redis;
  }

  /** Starts waiting for {@code redis}, from now. */
  public static RedisOutage of(RedisConnection redis) {
    return new RedisOutage(redis);
  }

  /**
   * Pauses before the next try after {@code failure}, each pause twice the last, up to 10 s.
   *
   * @throws IllegalStateException once Redis has not answered for {@link #PATIENCE}
   */
  public void pauseAfter(JedisConnectionException failure) throws InterruptedException {
    if (System.nanoTime() > giveUp) {
      throw new IllegalStateException("Redis " + redis + " did not answer for " + PATIENCE.toSeconds() + " s", failure);
    }
    Thread.sleep(pause.toMillis());
    pause = pause.multipliedBy(2).compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE : pause.multipliedBy(2);
  }
}
