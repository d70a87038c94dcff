package dev.beamkit.pipelines.kafka;

import dev.beamkit.transforms.RawRecord;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.io.kafka.KafkaRecord;
import org.apache.beam.sdk.io.kafka.KafkaRecordCoder;
import org.apache.beam.sdk.io.kafka.KafkaTimestampType;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.Rule;
import org.junit.Test;

/** {@link ToRawRecordFn}: coordinates, bytes and the Kafka record's headers, in order. */
public class ToRawRecordFnTest implements Serializable {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  @Test
  public void keepsTheHeadersInOrderWithRepeatedNames() {
    RecordHeaders headers =
        new RecordHeaders(
            List.of(
                new RecordHeader("trace-id", utf8("abc")),
                new RecordHeader("beamkit.step", utf8("the user's own")),
                new RecordHeader("trace-id", new byte[] {0, (byte) 0xff})));
    PCollection<RawRecord> out =
        p.apply(
                "Records",
                Create.of(record(7, headers), record(8, null))
                    .withCoder(KafkaRecordCoder.of(ByteArrayCoder.of(), ByteArrayCoder.of())))
            .apply("ToRawRecord", ParDo.of(new ToRawRecordFn()));
    PAssert.that(out)
        .containsInAnyOrder(
            RawRecord.fromLog("raw-temp-data", 2, 7, utf8("Sensor1"), utf8("{"))
                .withHeaders(
                    List.of(
                        KV.of("trace-id", utf8("abc")),
                        KV.of("beamkit.step", utf8("the user's own")),
                        KV.of("trace-id", new byte[] {0, (byte) 0xff}))),
            RawRecord.fromLog("raw-temp-data", 2, 8, utf8("Sensor1"), utf8("{")));
    p.run().waitUntilFinish();
  }

  private static KafkaRecord<byte[], byte[]> record(long offset, RecordHeaders headers) {
    return new KafkaRecord<>(
        "raw-temp-data",
        2,
        offset,
        1_709_294_400_000L,
        KafkaTimestampType.CREATE_TIME,
        headers,
        utf8("Sensor1"),
        utf8("{"));
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
