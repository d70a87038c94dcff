package dev.beamkit.transforms;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.CoderProvider;
import org.apache.beam.sdk.coders.CoderProviders;
import org.apache.beam.sdk.coders.DefaultCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A record that could not be used, kept whole so nothing is silently lost: the original input
 * (key, value bytes and source coordinates, see {@link RawRecord}), the step that rejected it,
 * and the error (message and exception type).
 *
 * <p>Like DataflowTemplates' FailsafeElement, a dead letter carries enough to diagnose and
 * replay the input; unlike it, the payload stays as bytes, so input that is not valid UTF-8
 * survives untouched.
 */
@DefaultCoder(DeadLetter.Coder.class)
public final class DeadLetter {
  private final RawRecord original;
  private final String step;
  private final String errorMessage;
  private final String exceptionType;

  private DeadLetter(RawRecord original, String step, String errorMessage, String exceptionType) {
    this.original = Objects.requireNonNull(original, "original");
    this.step = Objects.requireNonNull(step, "step");
    this.errorMessage = Objects.requireNonNull(errorMessage, "errorMessage");
    this.exceptionType = Objects.requireNonNull(exceptionType, "exceptionType");
  }

  /** A dead letter for {@code original}, rejected by {@code step} with {@code error}. */
  public static DeadLetter of(RawRecord original, String step, Throwable error) {
    String message = error.getMessage();
    return new DeadLetter(
        original,
        step,
        message == null ? error.getClass().getSimpleName() : message,
        error.getClass().getName());
  }

  /** A dead letter with an explicit message and type, for failures that are not exceptions. */
  public static DeadLetter of(
      RawRecord original, String step, String errorMessage, String exceptionType) {
    return new DeadLetter(original, step, errorMessage, exceptionType);
  }

  /** The input exactly as it arrived. */
  public RawRecord original() {
    return original;
  }

  /** Shorthand for {@code original().value()}: the original payload bytes (null for null input). */
  public byte @Nullable [] payload() {
    return original.value();
  }

  /** Name of the step that rejected the record, e.g. {@code "parse"} or {@code "event-time"}. */
  public String step() {
    return step;
  }

  public String errorMessage() {
    return errorMessage;
  }

  /** Fully qualified class name of the exception, or a short type for non-exception failures. */
  public String exceptionType() {
    return exceptionType;
  }

  @Override
  public boolean equals(@Nullable Object o) {
    if (!(o instanceof DeadLetter)) {
      return false;
    }
    DeadLetter d = (DeadLetter) o;
    return original.equals(d.original)
        && step.equals(d.step)
        && errorMessage.equals(d.errorMessage)
        && exceptionType.equals(d.exceptionType);
  }

  @Override
  public int hashCode() {
    return Objects.hash(original, step, errorMessage, exceptionType);
  }

  @Override
  public String toString() {
    return "DeadLetter{" + step + ": " + exceptionType + ": " + errorMessage + ", " + original + "}";
  }

  /** Compact, deterministic coder built on {@link RawRecord.Coder}. */
  public static final class Coder extends AtomicCoder<DeadLetter> {
    private static final Coder INSTANCE = new Coder();
    private static final StringUtf8Coder STRING = StringUtf8Coder.of();

    public static Coder of() {
      return INSTANCE;
    }

    /** Lets {@code @DefaultCoder} find this coder through the coder registry. */
    public static CoderProvider getCoderProvider() {
      return CoderProviders.forCoder(TypeDescriptor.of(DeadLetter.class), INSTANCE);
    }

    @Override
    public void encode(DeadLetter d, OutputStream out) throws IOException {
      RawRecord.Coder.of().encode(d.original, out);
      STRING.encode(d.step, out);
      STRING.encode(d.errorMessage, out);
      STRING.encode(d.exceptionType, out);
    }

    @Override
    public DeadLetter decode(InputStream in) throws IOException {
      return new DeadLetter(
          RawRecord.Coder.of().decode(in),
          STRING.decode(in),
          STRING.decode(in),
          STRING.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
