package dev.beamkit.transforms;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;

public class DecodeTextTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static RawRecord record(long offset, byte[] value) {
    return RawRecord.fromLog("text-stream", 1, offset, null, value);
  }

  private PCollection<RawRecord> input(List<RawRecord> records) {
    return p.apply(Create.of(records).withCoder(RawRecord.Coder.of()));
  }

  @Test
  public void decodesWellFormedUtf8IncludingMultibyteCharacters() {
    String text = "héllo wörld € 𝄞 日本";
    WithFailures.Result<PCollection<String>, DeadLetter> result =
        input(
                List.of(
                    RawRecord.ofString(text),
                    RawRecord.ofString(""),
                    record(7, "it's".getBytes(StandardCharsets.UTF_8))))
            .apply(DecodeText.utf8());
    PAssert.that(result.output()).containsInAnyOrder(text, "", "it's");
    PAssert.that(result.failures()).empty();
    p.run();
  }

  @Test
  public void malformedBytesAndNullValuesBecomeDeadLettersWithTheOriginalRecord() {
    List<RawRecord> bad =
        java.util.Arrays.asList(
            record(0, new byte[] {'a', 'b', 'c', (byte) 0xff}), // never valid in UTF-8
            record(1, new byte[] {(byte) 0xc0, (byte) 0xaf}), // overlong '/'
            record(2, new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80}), // UTF-16 surrogate
            record(3, new byte[] {'x', (byte) 0xe2, (byte) 0x82}), // truncated euro sign
            record(4, new byte[] {(byte) 0xf4, (byte) 0x90, (byte) 0x80, (byte) 0x80}), // > U+10FFFF
            record(5, null));
    WithFailures.Result<PCollection<String>, DeadLetter> result =
        input(bad).apply(DecodeText.utf8());

    PAssert.that(result.output()).empty();
    PAssert.that(BadRecordsFile.originals(result.failures())).containsInAnyOrder(bad);
    PAssert.that(BadRecordsFile.summaries(result.failures()))
        .containsInAnyOrder(
            "0 decode: invalid UTF-8 at byte offset 3: 0xff",
            "1 decode: invalid UTF-8 at byte offset 0: 0xc0",
            "2 decode: invalid UTF-8 at byte offset 0: 0xed 0xa0 0x80",
            "3 decode: invalid UTF-8 at byte offset 1: 0xe2 0x82",
            "4 decode: invalid UTF-8 at byte offset 0: 0xf4",
            "5 decode: record value is null");
    p.run();
  }

  @Test
  public void deadLettersNameTheExceptionType() {
    PCollection<DeadLetter> failures =
        input(List.of(RawRecord.of(new byte[] {(byte) 0xff}), RawRecord.of(null)))
            .apply(DecodeText.utf8())
            .failures();
    PAssert.that(
            failures.apply(
                MapElements.into(TypeDescriptors.strings()).via(DeadLetter::exceptionType)))
        .containsInAnyOrder(DecodeText.InvalidUtf8Exception.class.getName(), "null-value");
    p.run();
  }
}
