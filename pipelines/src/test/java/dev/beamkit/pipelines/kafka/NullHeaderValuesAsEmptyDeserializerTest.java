package dev.beamkit.pipelines.kafka;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class NullHeaderValuesAsEmptyDeserializerTest {
  private final NullHeaderValuesAsEmptyDeserializer deserializer = new NullHeaderValuesAsEmptyDeserializer();

  @Test
  void nullValuesBecomeEmptyInPlaceAndInOrder() {
    RecordHeaders headers =
        new RecordHeaders(
            List.of(
                new RecordHeader("a", utf8("1")),
                new RecordHeader("flag", (byte[]) null),
                new RecordHeader("b", utf8("2")),
                new RecordHeader("a", utf8("3"))));
    byte[] value = {(byte) 0xff, '{'};
    assertArrayEquals(value, deserializer.deserialize("t", headers, value));
    Header[] after = headers.toArray();
    assertEquals(4, after.length);
    assertEquals(List.of("a", "flag", "b", "a"), List.of(after).stream().map(Header::key).toList());
    assertArrayEquals(utf8("1"), after[0].value());
    assertArrayEquals(new byte[0], after[1].value());
    assertArrayEquals(utf8("2"), after[2].value());
    assertArrayEquals(utf8("3"), after[3].value());
  }

  @Test
  void headersWithValuesAndNullPayloadsPassUnchanged() {
    RecordHeaders headers = new RecordHeaders(List.of(new RecordHeader("a", utf8("1"))));
    assertEquals(null, deserializer.deserialize("t", headers, (byte[]) null));
    assertEquals(new RecordHeaders(List.of(new RecordHeader("a", utf8("1")))), headers);
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
