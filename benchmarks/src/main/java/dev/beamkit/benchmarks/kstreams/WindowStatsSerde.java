package dev.beamkit.benchmarks.kstreams;

import java.nio.ByteBuffer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * {@link WindowStats} as 32 fixed bytes. Kafka Streams keeps store values, cached or not, and the
 * suppression buffer's entries as bytes, so this runs on every update of a window.
 */
final class WindowStatsSerde implements Serde<WindowStats> {
  private static final int SIZE = Long.BYTES + 3 * Double.BYTES;

  @Override
  public Serializer<WindowStats> serializer() {
    return (topic, s) ->
        s == null
            ? null
            : ByteBuffer.allocate(SIZE).putLong(s.count()).putDouble(s.min()).putDouble(s.max()).putDouble(s.sum()).array();
  }

  @Override
  public Deserializer<WindowStats> deserializer() {
    return (topic, bytes) -> {
      if (bytes == null) {
        return null;
      }
      ByteBuffer b = ByteBuffer.wrap(bytes);
      return new WindowStats(b.getLong(), b.getDouble(), b.getDouble(), b.getDouble());
    };
  }
}
