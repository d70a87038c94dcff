package dev.beamkit.pipelines.options;

/**
 * The option values that differ from pipeline to pipeline, used where the user gave none.
 *
 * @param name the pipeline's command-line name, e.g. {@code sensor-downsample}
 */
public record PipelineDefaults(
    String name,
    String inputTopic,
    String outputTopic,
    String deadLetterTopic,
    String keyPrefix,
    Sink sink) {

  /** The consumer group used when {@code --consumerGroup} is not given. */
  public String consumerGroup() {
    return "beamkit-" + name;
  }
}
