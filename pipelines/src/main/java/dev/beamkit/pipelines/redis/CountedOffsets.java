package dev.beamkit.pipelines.redis;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * What Redis remembers beside a running count so that a new launch of the job, reading its input
 * again from the start, neither counts an event twice nor needs the events Kafka's retention has
 * deleted ({@link RedisWrite.Mode#OFFSET_GUARDED_COUNT}).
 *
 * <p>Each launch is an <em>epoch</em>, numbered by its launch time in milliseconds; a restart of
 * the same job from its checkpoint keeps it. Beside the count key {@code {prefix}{event}} (a plain
 * integer, as before), the hash {@value #HASH_PREFIX}{@code {prefix}{event}} — outside the prefix,
 * so that listing {@code {prefix}*} finds only counts — holds:
 *
 * <ul>
 *   <li>{@code epoch}: the latest epoch that wrote the count, {@code base}: the count when it
 *       first did;
 *   <li>{@code this:{topic}:{partition}}: the highest offset that epoch has counted;
 *   <li>{@code earlier:{topic}:{partition}}: the highest offset all epochs before it counted.
 * </ul>
 *
 * A job skips an event whose offset is at most what earlier epochs counted of its type and
 * partition ({@link #countedBefore}) and writes {@code base + (its count since its launch)},
 * keeping the larger of that and the stored count ({@link #SCRIPT}).
 */
public final class CountedOffsets {
  /** Where the hash of a count key lives: this, then the count key. */
  public static final String HASH_PREFIX = "beamkit:counted:";

  /**
   * KEYS[1] the count, KEYS[2] its hash; ARGV[1] the epoch, ARGV[2] its count since its launch,
   * then pairs of {@code {topic}:{partition}} and the highest offset counted there. An epoch older
   * than the one recorded is refused: a second job counts into the same keys. The first write of
   * a new epoch moves the former epoch's offsets to {@code earlier:} and records the base: the
   * count, when an earlier epoch recorded what it counted; else 0 — the count is then one written
   * before offsets were kept (plain max-wins, over what is still in the topic) or Redis lost
   * everything, and the launch counts all it reads, as it did before.
   * Numbers are written with {@code %d}: Lua's own conversion may write 1e+15.
   */
  static final String SCRIPT =
      "local epoch = tonumber(ARGV[1])\n"
          + "local recorded = tonumber(redis.call('HGET', KEYS[2], 'epoch'))\n"
          + "if recorded ~= nil and recorded > epoch then\n"
          + "  return redis.error_reply('the count ' .. KEYS[1] .. ' is kept by a later launch (epoch '"
          + " .. ARGV[1] .. ' < ' .. string.format('%d', recorded) .. '): two jobs count into the same keys')\n"
          + "end\n"
          + "local total = tonumber(redis.call('GET', KEYS[1])) or 0\n"
          + "if recorded ~= epoch then\n"
          + "  local fields = redis.call('HGETALL', KEYS[2])\n"
          + "  for i = 1, #fields, 2 do\n"
          + "    if string.sub(fields[i], 1, 5) == 'this:' then\n"
          + "      local earlier = 'earlier:' .. string.sub(fields[i], 6)\n"
          + "      local before = tonumber(redis.call('HGET', KEYS[2], earlier)) or -1\n"
          + "      if tonumber(fields[i + 1]) > before then redis.call('HSET', KEYS[2], earlier, fields[i + 1]) end\n"
          + "      redis.call('HDEL', KEYS[2], fields[i])\n"
          + "    end\n"
          + "  end\n"
          + "  local base = 0\n"
          + "  if recorded ~= nil then base = total end\n"
          + "  redis.call('HSET', KEYS[2], 'epoch', ARGV[1], 'base', string.format('%d', base))\n"
          + "end\n"
          + "local count = tonumber(redis.call('HGET', KEYS[2], 'base')) + tonumber(ARGV[2])\n"
          + "if count > total then\n"
          + "  redis.call('SET', KEYS[1], string.format('%d', count))\n"
          + "end\n"
          + "for i = 3, #ARGV, 2 do\n"
          + "  local field = 'this:' .. ARGV[i]\n"
          + "  local before = tonumber(redis.call('HGET', KEYS[2], field)) or -1\n"
          + "  if tonumber(ARGV[i + 1]) > before then redis.call('HSET', KEYS[2], field, ARGV[i + 1]) end\n"
          + "end\n";

  private CountedOffsets() {}

  /** The hash kept beside {@code countKey}. */
  public static String hashOf(String countKey) {
    return HASH_PREFIX + countKey;
  }

  /** The field naming a partition of a topic, as the hash's fields carry it. */
  public static String partition(String topic, int partition) {
    return topic + ":" + partition;
  }

  /**
   * The value {@link RedisWrite.Mode#OFFSET_GUARDED_COUNT} writes: {@code count} events since the
   * launch of {@code epoch}, the highest offset counted per partition.
   */
  public static String value(long epoch, long count, Map<String, Long> highestOffsets) {
    StringBuilder text = new StringBuilder().append(epoch).append(' ').append(count);
    highestOffsets.forEach((partition, offset) -> text.append(' ').append(partition).append(' ').append(offset));
    return text.toString();
  }

  /** The script's ARGV for a {@link #value}. */
  static List<String> scriptArguments(String value) {
    return new ArrayList<>(Arrays.asList(value.split(" ")));
  }

  /** The fields to HMGET from {@link #hashOf} a count key for {@link #countedBefore}. */
  public static String[] fieldsFor(String partition) {
    return new String[] {"epoch", "earlier:" + partition, "this:" + partition};
  }

  /**
   * The highest offset of {@code partition} that epochs before {@code epoch} counted, from the
   * HMGET of {@link #fieldsFor}; -1 when none did. Before {@code epoch}'s first write the hash
   * still names the former epoch, whose {@code this:} offsets are then earlier ones too.
   */
  public static long countedBefore(long epoch, List<@Nullable String> fields) {
    String recorded = fields.get(0);
    long earlier = number(fields.get(1));
    if (recorded == null || Long.parseLong(recorded) == epoch) {
      return earlier;
    }
    return Math.max(earlier, number(fields.get(2)));
  }

  private static long number(@Nullable String text) {
    return text == null ? -1 : Long.parseLong(text);
  }
}
