package dev.beamkit.pipelines.events;

import dev.beamkit.pipelines.redis.RedisConnection;
import java.io.Serializable;

/**
 * Where a running count is kept beyond the job's own state, and as which launch: the Redis, the
 * count keys' prefix, and the launch's epoch ({@link dev.beamkit.pipelines.redis.CountedOffsets}).
 */
public record OffsetGuard(RedisConnection redis, String keyPrefix, long epoch) implements Serializable {}
