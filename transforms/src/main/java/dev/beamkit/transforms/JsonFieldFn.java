package dev.beamkit.transforms;

import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.TupleTag;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * The part {@link Filter}'s and {@link Dedupe}'s DoFns share: a {@link JsonFieldReader} per
 * instance, and rejecting a record as a counted dead letter of the transform's step.
 */
abstract class JsonFieldFn<OutputT> extends DoFn<RawRecord, OutputT> {
  private static final long serialVersionUID = 1L;

  private final String step;
  private final TupleTag<DeadLetter> failed;
  private final Counter deadLettered =
      Metrics.counter(BeamkitMetrics.NAMESPACE, BeamkitMetrics.DEAD_LETTERED);
  private transient @Nullable JsonFieldReader reader;

  JsonFieldFn(String step, TupleTag<DeadLetter> failed) {
    this.step = step;
    this.failed = failed;
  }

  @Setup
  public void setup() {
    reader = new JsonFieldReader();
  }

  JsonFieldReader reader() {
    return reader;
  }

  void reject(RawRecord record, String error, String errorType, MultiOutputReceiver out) {
    deadLettered.inc();
    out.get(failed).output(DeadLetter.of(record, step, error, errorType));
  }
}
