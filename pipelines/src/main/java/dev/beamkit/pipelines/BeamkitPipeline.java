package dev.beamkit.pipelines;

import dev.beamkit.pipelines.options.PipelineDefaults;
import dev.beamkit.pipelines.options.Settings;
import dev.beamkit.transforms.RawRecord;
import dev.beamkit.transforms.time.EventTimeExtractor;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A beamkit pipeline as {@link BeamkitJob} runs it: its defaults, the typed values its transform
 * needs ({@code ConfigT}, taken from the checked options), where its event time is, its whole
 * body as one transform, and how a result becomes a sink entry. The job adds the rest: the Kafka
 * source, the dead-letter topic and the result sink. Tests apply {@link #transform} (or the
 * pipeline's public transform class) to a TestStream, with a config made from plain values.
 *
 * @param <ConfigT> the plain values the transform needs, e.g. a window size and a lateness
 * @param <OutputsT> the transform's results and dead letters
 */
public interface BeamkitPipeline<ConfigT, OutputsT extends PipelineOutputs> {
  /** Name, topics, key prefix and sink used where the options give none. */
  PipelineDefaults defaults();

  /**
   * The values the transform needs, from the checked options.
   *
   * @throws dev.beamkit.pipelines.options.OptionError when an option does not suit this pipeline
   */
  ConfigT config(Settings settings);

  /**
   * The one definition of the event time (payload field and parser) that both the Kafka source's
   * watermark and the transform's parse step read, or null for records stamped with their Kafka
   * timestamp.
   */
  @Nullable EventTimeExtractor eventTime(ConfigT config);

  /** Everything between the source and the sinks. */
  PTransform<PCollection<RawRecord>, OutputsT> transform(ConfigT config);

  /** The results and how each becomes a Kafka record or a Redis entry. */
  ResultEntries<?> resultEntries(OutputsT outputs, Settings settings);

  /** Writes the outputs beside the results, e.g. word-count's top words; none by default. */
  default void writeFurtherOutputs(OutputsT outputs, Settings settings) {}
}
