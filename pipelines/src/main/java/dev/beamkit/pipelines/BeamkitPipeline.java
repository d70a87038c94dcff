package dev.beamkit.pipelines;

import dev.beamkit.pipelines.options.PipelineDefaults;
import dev.beamkit.pipelines.options.Settings;
import dev.beamkit.transforms.RawRecord;
import dev.beamkit.transforms.time.EventTimeExtractor;
import java.util.function.Function;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.checkerframework.checker.nullness.qual.Nullable;

/**
 * A beamkit pipeline as {@link BeamkitJob} runs it: its defaults, the typed values its transform
 * needs ({@code ConfigT}, taken from the checked options), where its event time is, its whole
 * body as one transform, and how a result becomes a sink entry. The job adds the rest: the Kafka
 * source, the dead-letter topic and the result sink. Tests apply the pipeline's transform to a
 * TestStream, with a config made from plain values.
 *
 * @param <ConfigT> the plain values the transform needs, e.g. a window size and a lateness
 * @param <OutputsT> the transform's results and dead letters
 */
public abstract class BeamkitPipeline<ConfigT, OutputsT extends PipelineOutputs> {
  private final PipelineDefaults defaults;
  private final Function<Settings, ConfigT> config;
  private final Function<ConfigT, @Nullable EventTimeExtractor> eventTime;
  private final Function<ConfigT, ? extends PTransform<PCollection<RawRecord>, OutputsT>> transform;

  /**
   * @param config the values the transform needs, from the checked options; may throw {@link
   *     dev.beamkit.pipelines.options.OptionError} when an option does not suit the pipeline
   * @param eventTime the one definition of the event time (payload field and parser) that both
   *     the Kafka source's watermark and the transform's parse step read; null for records
   *     stamped with their Kafka timestamp
   * @param transform everything between the source and the sinks
   */
  protected BeamkitPipeline(
      PipelineDefaults defaults,
      Function<Settings, ConfigT> config,
      Function<ConfigT, @Nullable EventTimeExtractor> eventTime,
      Function<ConfigT, ? extends PTransform<PCollection<RawRecord>, OutputsT>> transform) {
    this.defaults = defaults;
    this.config = config;
    this.eventTime = eventTime;
    this.transform = transform;
  }

  /** Name, topics, key prefix and sink used where the options give none. */
  public final PipelineDefaults defaults() {
    return defaults;
  }

  /** The values the transform needs, from the checked options. */
  public final ConfigT config(Settings settings) {
    return config.apply(settings);
  }

  /** Where the source and the parse step read the event time; null: the Kafka timestamp. */
  public final @Nullable EventTimeExtractor eventTime(ConfigT config) {
    return eventTime.apply(config);
  }

  /** Everything between the source and the sinks. */
  public final PTransform<PCollection<RawRecord>, OutputsT> transform(ConfigT config) {
    return transform.apply(config);
  }

  /** The results and how each becomes a Kafka record or a Redis entry. */
  public abstract ResultEntries<?> resultEntries(OutputsT outputs, Settings settings);

  /** Writes the outputs beside the results, e.g. word-count's top words; none by default. */
  public void writeFurtherOutputs(OutputsT outputs, Settings settings) {}
}
