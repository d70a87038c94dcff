package dev.beamkit.pipelines;

import dev.beamkit.pipelines.options.PipelineDefaults;
import dev.beamkit.pipelines.options.Settings;
import org.apache.beam.sdk.Pipeline;

/**
 * A beamkit pipeline as the launcher sees it: its defaults, and how it adds "Kafka source →
 * transforms → sinks" to a Beam pipeline. Each implementation also has a static {@code build}
 * method holding just the transforms, which tests call with a TestStream or Create source.
 */
public interface BeamkitPipeline {
  /** Name, topics, key prefix and sink used where the options give none. */
  PipelineDefaults defaults();

  /** Adds the whole job, reading and writing real Kafka or Redis, to {@code pipeline}. */
  void assemble(Pipeline pipeline, Settings settings);
}
