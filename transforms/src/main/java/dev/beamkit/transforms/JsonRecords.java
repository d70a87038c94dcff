package dev.beamkit.transforms;

import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Adapters that wrap payloads which did not come from a log (files, {@code Create}, tests) into
 * {@link RawRecord}s without key or coordinates, so that {@link ParseJson} can read them:
 *
 * <pre>{@code
 * lines.apply(JsonRecords.fromStrings()).apply(ParseJson.of(Event.class));
 * }</pre>
 */
public final class JsonRecords {
  private JsonRecords() {}

  /** Wraps each string, encoded as UTF-8, as the value of a {@link RawRecord}. */
  public static PTransform<PCollection<String>, PCollection<RawRecord>> fromStrings() {
    return new FromStrings();
  }

  /** Wraps each byte array, unchanged, as the value of a {@link RawRecord}. */
  public static PTransform<PCollection<byte[]>, PCollection<RawRecord>> fromBytes() {
    return new FromBytes();
  }

  // Both set RawRecord's coder explicitly rather than trusting registry inference for it.

  private static final class FromStrings
      extends PTransform<PCollection<String>, PCollection<RawRecord>> {
    private static final long serialVersionUID = 1L;

    @Override
    public PCollection<RawRecord> expand(PCollection<String> input) {
      return input
          .apply(
              "ToRawRecord",
              MapElements.into(TypeDescriptor.of(RawRecord.class)).via(RawRecord::ofString))
          .setCoder(RawRecord.Coder.of());
    }
  }

  private static final class FromBytes
      extends PTransform<PCollection<byte[]>, PCollection<RawRecord>> {
    private static final long serialVersionUID = 1L;

    @Override
    public PCollection<RawRecord> expand(PCollection<byte[]> input) {
      return input
          .apply(
              "ToRawRecord", MapElements.into(TypeDescriptor.of(RawRecord.class)).via(RawRecord::of))
          .setCoder(RawRecord.Coder.of());
    }
  }
}
