package dev.beamkit.transforms;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.junit.jupiter.api.Test;

/** {@link RawRecord.Coder}: round trips with and without the source's headers, Beam's coder laws. */
class RawRecordCoderTest {
  private static final RawRecord PLAIN = RawRecord.fromLog("t", 0, 1, bytes("k"), bytes("v"));
  private static final RawRecord WITH_HEADERS =
      PLAIN.withHeaders(
          List.of(
              KV.of("trace-id", bytes("abc")),
              KV.of("beamkit.step", bytes("the user's own")),
              KV.of("flag", null),
              KV.of("trace-id", new byte[] {0, (byte) 0xff})));
  private static final List<RawRecord> SAMPLES =
      List.of(
          PLAIN,
          WITH_HEADERS,
          RawRecord.of(null),
          RawRecord.ofString("x").withHeaders(List.of(KV.of("", new byte[0]))),
          PLAIN.withHeaders(List.of(KV.of("trace-id", bytes("abc")))));

  @Test
  void obeysBeamsCoderProperties() throws Exception {
    CoderLaws.assertObeyedBy(RawRecord.Coder.of(), SAMPLES);
  }

  @Test
  void headersRoundTripInOrderWithRepeatedNamesAndNullValues() throws Exception {
    RawRecord decoded = CoderUtils.clone(RawRecord.Coder.of(), WITH_HEADERS);
    List<KV<String, byte[]>> headers = decoded.headers();
    assertEquals(4, headers.size());
    assertEquals(List.of("trace-id", "beamkit.step", "flag", "trace-id"), headers.stream().map(KV::getKey).toList());
    assertArrayEquals(bytes("abc"), headers.get(0).getValue());
    assertNull(headers.get(2).getValue());
    assertArrayEquals(new byte[] {0, (byte) 0xff}, headers.get(3).getValue());
    assertEquals(WITH_HEADERS, decoded);
  }

  /** Window state keeps RawRecords: a record without headers pays one byte (a zero count) for them. */
  @Test
  void aRecordWithoutHeadersCostsOneByteForThem() throws Exception {
    // key, value, topic: presence byte + length + 1 byte each; partition 1; offset 1; header count 1
    assertEquals(3 + 3 + 3 + 1 + 1 + 1, CoderUtils.encodeToByteArray(RawRecord.Coder.of(), PLAIN).length);
  }

  @Test
  void headersAreEmptyByDefaultAndKeptByWithKeyAndDistinguishRecords() {
    assertEquals(List.of(), PLAIN.headers());
    assertEquals(WITH_HEADERS.headers(), WITH_HEADERS.withKey(bytes("other")).headers());
    assertNotEquals(PLAIN, WITH_HEADERS);
    assertNotEquals(
        PLAIN.withHeaders(List.of(KV.of("a", bytes("1")))), PLAIN.withHeaders(List.of(KV.of("a", bytes("2")))));
  }

  @Test
  void theHeaderListIsACopyThatCannotBeChanged() {
    List<KV<String, byte[]>> source = new ArrayList<>(List.of(KV.of("a", bytes("1"))));
    RawRecord r = PLAIN.withHeaders(source);
    source.add(KV.of("b", bytes("2")));
    assertEquals(1, r.headers().size());
    assertThrows(UnsupportedOperationException.class, () -> r.headers().add(KV.of("c", bytes("3"))));
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
