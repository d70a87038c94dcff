package dev.beamkit.transforms;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * Decodes the values of {@link RawRecord}s as text, strictly: bytes that are not well-formed
 * UTF-8 (including overlong forms and encoded surrogates, which lenient decoders let through or
 * silently replace with U+FFFD) and null values become {@link DeadLetter}s of step {@value
 * #STEP}, with the original record kept whole.
 *
 * <pre>{@code
 * WithFailures.Result<PCollection<String>, DeadLetter> text = records.apply(DecodeText.utf8());
 * text.failures().apply(deadLetterSink);
 * text.output().apply(Tokenize...);
 * }</pre>
 */
public final class DecodeText
    extends PTransform<PCollection<RawRecord>, WithFailures.Result<PCollection<String>, DeadLetter>> {
  private static final long serialVersionUID = 1L;

  /** The {@link DeadLetter#step()} of records this transform rejects. */
  public static final String STEP = "decode";

  private DecodeText() {}

  /** Strict UTF-8 decoding of record values. */
  public static DecodeText utf8() {
    return new DecodeText();
  }

  /** Applies the decoding step; decoded text is the output, rejected records the failures. */
  @Override
  public WithFailures.Result<PCollection<String>, DeadLetter> expand(
      PCollection<RawRecord> input) {
    TupleTag<String> decoded = new TupleTag<String>() {};
    TupleTag<DeadLetter> failed = new TupleTag<DeadLetter>() {};
    PCollectionTuple outputs =
        input.apply(
            "DecodeUtf8",
            ParDo.of(new DecodeFn(decoded, failed)).withOutputTags(decoded, TupleTagList.of(failed)));
    outputs.get(decoded).setCoder(StringUtf8Coder.of());
    outputs.get(failed).setCoder(DeadLetter.Coder.of());
    return WithFailures.Result.of(outputs, decoded, failed);
  }

  private static final class DecodeFn extends DoFn<RawRecord, String> {
    private static final long serialVersionUID = 1L;

    private final TupleTag<String> decoded;
    private final TupleTag<DeadLetter> failed;
    private final Counter parsed = Metrics.counter(BeamkitMetrics.NAMESPACE, BeamkitMetrics.PARSED);
    private final Counter deadLettered =
        Metrics.counter(BeamkitMetrics.NAMESPACE, BeamkitMetrics.DEAD_LETTERED);
    private transient @Nullable StrictUtf8 utf8;

    DecodeFn(TupleTag<String> decoded, TupleTag<DeadLetter> failed) {
      this.decoded = decoded;
      this.failed = failed;
    }

    @Setup
    public void setup() {
      utf8 = new StrictUtf8();
    }

    @ProcessElement
    public void process(@Element RawRecord record, MultiOutputReceiver out) {
      byte[] value = record.value();
      String text;
      if (value == null) {
        deadLettered.inc();
        out.get(failed).output(DeadLetter.of(record, STEP, "record value is null", "null-value"));
        return;
      }
      try {
        text = utf8.decode(value);
      } catch (InvalidUtf8Exception e) {
        deadLettered.inc();
        out.get(failed).output(DeadLetter.of(record, STEP, e));
        return;
      }
      parsed.inc();
      out.get(decoded).output(text);
    }
  }

  /**
   * Strict UTF-8 decoding, shared by the transforms that read text from bytes. Holds a stateful
   * {@link CharsetDecoder}, so use one instance per thread (e.g. one per DoFn, made in
   * {@code @Setup}).
   */
  static final class StrictUtf8 {
    private final CharsetDecoder decoder =
        StandardCharsets.UTF_8
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);

    /** The text encoded by {@code bytes}, or an exception naming the first bad byte. */
    String decode(byte[] bytes) throws InvalidUtf8Exception {
      ByteBuffer in = ByteBuffer.wrap(bytes);
      // UTF-8 never decodes to more chars than it has bytes, so the buffer cannot overflow.
      CharBuffer out = CharBuffer.allocate(bytes.length);
      decoder.reset();
      CoderResult result = decoder.decode(in, out, true);
      if (!result.isError()) {
        result = decoder.flush(out);
      }
      if (result.isError()) {
        throw new InvalidUtf8Exception(bytes, in.position(), result.length());
      }
      return out.flip().toString();
    }

    /**
     * Whether {@code bytes} are all ASCII other than NUL: text that needs no strict decoding,
     * because no byte can be read two ways, and that Jackson cannot take for UTF-16 or UTF-32 (it
     * guesses those from zero bytes at the start).
     */
    static boolean isAsciiWithoutNul(byte[] bytes) {
      for (byte b : bytes) {
        if (b <= 0) {
          return false;
        }
      }
      return true;
    }
  }

  /** Bytes that are not well-formed UTF-8; the message gives the offset and the bad bytes. */
  public static final class InvalidUtf8Exception extends CharacterCodingException {
    private static final long serialVersionUID = 1L;

    /** Offset of the first malformed byte. */
    private final int offset;

    /** The full message; CharacterCodingException has no constructor taking one. */
    private final String message;

    InvalidUtf8Exception(byte[] bytes, int offset, int length) {
      this.offset = offset;
      StringBuilder hex = new StringBuilder();
      for (int i = offset; i < Math.min(bytes.length, offset + length); i++) {
        hex.append(hex.length() == 0 ? "0x" : " 0x").append(String.format("%02x", bytes[i]));
      }
      this.message = "invalid UTF-8 at byte offset " + offset + ": " + hex;
    }

    /** Offset of the first byte of the malformed sequence. */
    public int offset() {
      return offset;
    }

    /** Says where the bytes are malformed, e.g. {@code invalid UTF-8 at byte offset 3: 0xff}. */
    @Override
    public String getMessage() {
      return message;
    }
  }
}
