package dev.beamkit.transforms;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * An input message as it arrived, before any parsing: the raw key and value bytes and, when the
 * source has them, its coordinates (topic, partition, offset).
 *
 * <p>beamkit-transforms knows nothing of Kafka; a pipeline maps its source's records into this
 * type so that {@link ParseJson} can put the original bytes and their provenance into a {@link
 * DeadLetter} when a record cannot be used. Sources without coordinates use {@link #of(byte[])}
 * or {@link #ofString(String)}; their partition and offset are {@link #UNKNOWN}.
 *
 * <p>A record may carry its source's headers ({@link #withHeaders}): name and value pairs in
 * their original order, names repeatable, values possibly null, as Kafka allows. They are empty
 * by default and cost one byte in the coder when empty, because records are kept in window state.
 */
@DefaultCoder(RawRecord.Coder.class)
public final class RawRecord {
  /** Partition or offset of a record whose source does not have one. */
  public static final long UNKNOWN = -1;

  private final byte @Nullable [] key;
  private final byte @Nullable [] value;
  private final @Nullable String topic;
  private final int partition;
  private final long offset;
  private final List<KV<String, byte @Nullable []>> headers;

  private RawRecord(
      byte @Nullable [] key,
      byte @Nullable [] value,
      @Nullable String topic,
      int partition,
      long offset,
      List<KV<String, byte @Nullable []>> headers) {
    this.key = key;
    this.value = value;
    this.topic = topic;
    this.partition = partition;
    this.offset = offset;
    this.headers = headers;
  }

  /** A value without key or coordinates; {@code value} may be null (a Kafka tombstone). */
  public static RawRecord of(byte @Nullable [] value) {
    return new RawRecord(null, value, null, (int) UNKNOWN, UNKNOWN, List.of());
  }

  /** A UTF-8 encoded string value without key or coordinates. */
  public static RawRecord ofString(@Nullable String value) {
    return of(value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  /** A record read from a partitioned log such as a Kafka topic. */
  public static RawRecord fromLog(
      String topic, int partition, long offset, byte @Nullable [] key, byte @Nullable [] value) {
    return new RawRecord(key, value, topic, partition, offset, List.of());
  }

  /** The same coordinates and value with another key. */
  public RawRecord withKey(byte @Nullable [] newKey) {
    return new RawRecord(newKey, value, topic, partition, offset, headers);
  }

  /** The same record with the source's headers, in their order (a copy of the list is kept). */
  public RawRecord withHeaders(List<KV<String, byte @Nullable []>> newHeaders) {
    return new RawRecord(
        key, value, topic, partition, offset, Collections.unmodifiableList(new ArrayList<>(newHeaders)));
  }

  public byte @Nullable [] key() {
    return key;
  }

  /** The key decoded as UTF-8, or null when there is no key. */
  public @Nullable String keyAsString() {
    return key == null ? null : new String(key, StandardCharsets.UTF_8);
  }

  public byte @Nullable [] value() {
    return value;
  }

  public @Nullable String topic() {
    return topic;
  }

  public int partition() {
    return partition;
  }

  public long offset() {
    return offset;
  }

  /** The source's headers in their original order; empty when it had none. */
  public List<KV<String, byte @Nullable []>> headers() {
    return headers;
  }

  /** Whether topic, partition and offset are known. */
  public boolean hasCoordinates() {
    return topic != null && offset != UNKNOWN;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof RawRecord)) {
      return false;
    }
    RawRecord r = (RawRecord) o;
    return partition == r.partition
        && offset == r.offset
        && Arrays.equals(key, r.key)
        && Arrays.equals(value, r.value)
        && Objects.equals(topic, r.topic)
        && headers.equals(r.headers);
  }

  @Override
  public int hashCode() {
    return Objects.hash(Arrays.hashCode(key), Arrays.hashCode(value), topic, partition, offset, headers);
  }

  @Override
  public String toString() {
    return "RawRecord{"
        + (hasCoordinates() ? topic + "/" + partition + "@" + offset + ", " : "")
        + "key="
        + keyAsString()
        + ", value="
        + (value == null ? "null" : value.length + " bytes")
        + (headers.isEmpty() ? "" : ", " + headers.size() + " headers")
        + "}";
  }

  /**
   * Compact, deterministic coder: nullable bytes, nullable topic, var-int partition and offset,
   * then a var-int count of headers (one byte for none) and each name and nullable value.
   */
  public static final class Coder extends AtomicCoder<RawRecord> {
    private static final Coder INSTANCE = new Coder();
    static final NullableCoder<byte[]> BYTES = NullableCoder.of(ByteArrayCoder.of());
    static final NullableCoder<String> STRING = NullableCoder.of(StringUtf8Coder.of());

    public static Coder of() {
      return INSTANCE;
    }

    /** Lets {@code @DefaultCoder} find this coder through the coder registry. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(RawRecord.class), INSTANCE);
    }

    @Override
    public void encode(RawRecord r, OutputStream out) throws IOException {
      BYTES.encode(r.key, out);
      BYTES.encode(r.value, out);
      STRING.encode(r.topic, out);
      VarIntCoder.of().encode(r.partition, out);
      VarLongCoder.of().encode(r.offset, out);
      VarIntCoder.of().encode(r.headers.size(), out);
      for (KV<String, byte @Nullable []> h : r.headers) {
        StringUtf8Coder.of().encode(h.getKey(), out);
        BYTES.encode(h.getValue(), out);
      }
    }

    @Override
    public RawRecord decode(InputStream in) throws IOException {
      RawRecord r =
          new RawRecord(
              BYTES.decode(in),
              BYTES.decode(in),
              STRING.decode(in),
              VarIntCoder.of().decode(in),
              VarLongCoder.of().decode(in),
              List.of());
      int count = VarIntCoder.of().decode(in);
      if (count == 0) {
        return r;
      }
      List<KV<String, byte @Nullable []>> headers = new ArrayList<>(count);
      for (int i = 0; i < count; i++) {
        headers.add(KV.of(StringUtf8Coder.of().decode(in), BYTES.decode(in)));
      }
      return r.withHeaders(headers);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
