package dev.beamkit.pipelines.kafka;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;

/**
 * Reads a value's bytes as they are and makes the record's null header values empty, in place and
 * in order. Kafka allows a header without a value, but Beam 2.62's {@code KafkaRecordCoder}
 * encodes header values with {@code ByteArrayCoder}, which refuses null: such a record would fail
 * every bundle it is in, on every runner that encodes between steps (the DirectRunner always does).
 * Beam hands the value deserializer the very headers it puts into the {@code KafkaRecord}, so this
 * is the one place a source can mend them before they are encoded. It implements {@code
 * Deserializer<byte[]>} itself, not through a subclass: KafkaIO reads the value type from the
 * class's own interfaces.
 *
 * <p>{@link DeadLetterSink} mends null values again on the way out: this runs before any {@code
 * RawRecord} exists, and RawRecords from other sources may still carry null values.
 */
public final class NullHeaderValuesAsEmptyDeserializer implements Deserializer<byte[]> {
  private static final byte[] EMPTY = new byte[0];

  @Override
  public byte[] deserialize(String topic, Headers headers, byte[] data) {
    if (headers != null && hasNullValue(headers)) {
      Header[] all = headers.toArray();
      for (Header h : all) {
        headers.remove(h.key());
      }
      for (Header h : all) {
        headers.add(h.key(), h.value() == null ? EMPTY : h.value());
      }
    }
    return data;
  }

  @Override
  public byte[] deserialize(String topic, byte[] data) {
    return data;
  }

  private static boolean hasNullValue(Headers headers) {
    for (Header h : headers) {
      if (h.value() == null) {
        return true;
      }
    }
    return false;
  }
}
