package dev.beamkit.transforms;

import com.fasterxml.jackson.databind.JsonNode;
import org.apache.beam.sdk.metrics.Counter;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithFailures;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Keeps the JSON records whose field satisfies a predicate, before they are parsed into a type:
 *
 * <pre>{@code
 * WithFailures.Result<PCollection<RawRecord>, DeadLetter> hot =
 *     records.apply(Filter.where("value > 50"));
 * hot.output().apply(ParseJson.of(SensorReading.class)) ...
 * hot.failures().apply(deadLetterSink);
 * records.apply(Filter.where("event in (click, submit)"));
 * }</pre>
 *
 * <p>The predicate is one comparison, {@code field op literal} with {@code > >= < <= == !=}, or
 * {@code field [not] in (literal, …)}; the field may be a dotted path into nested objects;
 * literals are numbers, {@code true}/{@code false}, quoted strings or bare words. Chain two
 * {@code Filter}s for "and". A predicate that does not parse fails {@link #where} with a one-line
 * {@link IllegalArgumentException}.
 *
 * <p>Records pass unchanged (bytes, key, coordinates and timestamp), so dead letters further on
 * still hold the original. Records that fail the predicate are dropped and counted in {@link
 * BeamkitMetrics#FILTERED_OUT}. A record on which the predicate cannot be evaluated is neither
 * kept nor dropped but dead-lettered with step {@value #STEP}: its value is not a JSON object,
 * the field is missing, or its JSON type matches no literal (e.g. {@code "hot"} or {@code null}
 * against {@code value > 50}); the dead letter's message names the field and its type.
 */
public final class Filter
    extends PTransform<PCollection<RawRecord>, WithFailures.Result<PCollection<RawRecord>, DeadLetter>> {
  private static final long serialVersionUID = 1L;

  /** The {@link DeadLetter#step()} of records the predicate cannot be evaluated on. */
  public static final String STEP = "filter";

  private final FieldPredicate predicate;

  private Filter(FieldPredicate predicate) {
    this.predicate = predicate;
  }

  /**
   * Keeps records satisfying {@code predicate}, e.g. {@code value > 50}.
   *
   * @throws IllegalArgumentException if {@code predicate} cannot be parsed
   */
  public static Filter where(String predicate) {
    return new Filter(FieldPredicate.parse(predicate));
  }

  /** The predicate as given. */
  public String predicate() {
    return predicate.toString();
  }

  @Override
  public WithFailures.Result<PCollection<RawRecord>, DeadLetter> expand(
      PCollection<RawRecord> input) {
    TupleTag<RawRecord> kept = new TupleTag<RawRecord>() {};
    TupleTag<DeadLetter> failed = new TupleTag<DeadLetter>() {};
    PCollectionTuple outputs =
        input.apply(
            "FilterByPredicate",
            ParDo.of(new FilterFn(predicate, kept, failed))
                .withOutputTags(kept, TupleTagList.of(failed)));
    outputs.get(kept).setCoder(RawRecord.Coder.of());
    outputs.get(failed).setCoder(DeadLetter.Coder.of());
    return WithFailures.Result.of(outputs, kept, failed);
  }

  private static final class FilterFn extends JsonFieldFn<RawRecord> {
    private static final long serialVersionUID = 1L;

    private final FieldPredicate predicate;
    private final TupleTag<RawRecord> kept;
    private final Counter filteredOut =
        Metrics.counter(BeamkitMetrics.NAMESPACE, BeamkitMetrics.FILTERED_OUT);

    FilterFn(FieldPredicate predicate, TupleTag<RawRecord> kept, TupleTag<DeadLetter> failed) {
      super(STEP, failed);
      this.predicate = predicate;
      this.kept = kept;
    }

    @ProcessElement
    public void process(@Element RawRecord record, MultiOutputReceiver out) {
      boolean keep;
      try {
        JsonNode value = reader().read(record, predicate.field());
        keep = predicate.test(value);
      } catch (JsonFieldReader.UnreadableFieldException | FieldPredicate.NotComparableException e) {
        reject(record, e.getMessage(), "not-evaluable", out);
        return;
      }
      if (keep) {
        out.get(kept).output(record);
      } else {
        filteredOut.inc();
      }
    }
  }
}
