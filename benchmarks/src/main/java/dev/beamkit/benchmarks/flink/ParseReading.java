package dev.beamkit.benchmarks.flink;

import dev.beamkit.benchmarks.ReadingParser;
import dev.beamkit.benchmarks.TimedValue;
import java.nio.charset.StandardCharsets;
import org.apache.flink.api.common.functions.MapFunction;

/** Key bytes to sensor id, JSON value to event time and value. */
final class ParseReading implements MapFunction<RawReading, Reading> {
  private static final long serialVersionUID = 1L;

  @Override
  public Reading map(RawReading raw) {
    return parse(raw.key(), raw.value());
  }

  static Reading parse(byte[] key, byte[] value) {
    TimedValue parsed = ReadingParser.parse(value);
    return new Reading(new String(key, StandardCharsets.UTF_8), parsed.timestampMillis(), parsed.value());
  }
}
