package dev.beamkit.pipelines;

import dev.beamkit.transforms.DeadLetter;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PInput;
import org.apache.beam.sdk.values.POutput;

/**
 * What a pipeline's transform returns: its typed results (named by each pipeline's own record)
 * and the dead letters every pipeline has. A {@link POutput} as Beam's {@code
 * WithFailures.Result} is one, so the whole pipeline body is one {@code PTransform} a test
 * applies to a TestStream; the record lists its collections in {@link #expand()}.
 */
public interface PipelineOutputs extends POutput {
  /** The records that could not be used, each with its original bytes and the reason. */
  PCollection<DeadLetter> deadLetters();

  @Override
  default Pipeline getPipeline() {
    return deadLetters().getPipeline();
  }

  /** Nothing to finish: every collection was made and finished by a step inside the transform. */
  @Override
  default void finishSpecifyingOutput(
      String transformName, PInput input, PTransform<?, ?> transform) {}
}
