package dev.beamkit.transforms;

import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.testing.CoderProperties;

/** Beam's coder laws, checked on a coder and a set of distinct and equal samples. */
final class CoderLaws {
  private CoderLaws() {}

  /**
   * Serializable and deterministic; every sample round-trips, alone and nested in a list (where
   * each part must know its own length); equal samples encode alike and unequal ones differently.
   */
  static <T> void assertObeyedBy(Coder<T> coder, List<T> samples) throws Exception {
    CoderProperties.coderSerializable(coder);
    coder.verifyDeterministic();
    for (T sample : samples) {
      CoderProperties.coderDecodeEncodeEqual(coder, sample);
      CoderProperties.structuralValueDecodeEncodeEqual(coder, sample);
      for (T other : samples) {
        CoderProperties.coderConsistentWithEquals(coder, sample, other);
      }
    }
    CoderProperties.coderDecodeEncodeEqual(ListCoder.of(coder), samples);
  }
}
