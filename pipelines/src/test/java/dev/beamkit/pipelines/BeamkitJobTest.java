package dev.beamkit.pipelines;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.beamkit.pipelines.events.EventCounts;
import dev.beamkit.pipelines.events.EventCountsSql;
import dev.beamkit.pipelines.options.OptionError;
import dev.beamkit.pipelines.sensors.SensorDownsample;
import dev.beamkit.pipelines.words.WordCount;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.junit.jupiter.api.Test;

/**
 * The job around each pipeline, as built (nothing runs, no server is needed): the Kafka source,
 * the pipeline's transform, the dead letters and the result sink the options choose.
 */
class BeamkitJobTest {
  /** The top-level steps of {@code job} built from {@code args}, in the order they were added. */
  private static List<String> steps(BeamkitPipeline<?, ?> job, String... args) {
    Pipeline pipeline = PipelineLauncher.create(job, args);
    List<String> steps = new ArrayList<>();
    pipeline.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public CompositeBehavior enterCompositeTransform(TransformHierarchy.Node node) {
            if (!node.isRootNode() && node.getEnclosingNode().isRootNode()) {
              steps.add(node.getFullName());
            }
            return CompositeBehavior.ENTER_TRANSFORM;
          }
        });
    return steps;
  }

  @Test
  void eachPipelineIsSourceThenItsTransformThenDeadLettersThenResults() {
    assertEquals(
        List.of("ReadKafka", "DownsampleReadings", "DeadLetters", "ToKafkaRecord", "WriteResults"),
        steps(new SensorDownsample()));
    assertEquals(
        List.of("ReadKafka", "DownsampleReadings", "DeadLetters", "ToRedisEntry", "WriteResults"),
        steps(new SensorDownsample(), "--sink=redis"));
    assertEquals(
        List.of("ReadKafka", "CountEventTypes", "DeadLetters", "ToRedisEntry", "WriteResults"),
        steps(new EventCounts()));
    assertEquals(
        List.of("ReadKafka", "CountEventTypes", "DeadLetters", "ToKafkaRecord", "WriteResults"),
        steps(new EventCounts(), "--sink=kafka"));
    assertEquals(
        List.of("ReadKafka", "QueryUserEvents", "DeadLetters", "ToRedisEntry", "WriteResults"),
        steps(new EventCountsSql()));
  }

  @Test
  void wordCountsTopWordsGoBesideTheResultsOnlyWhenAsked() {
    List<String> plain = steps(new WordCount());
    assertEquals(List.of("ReadKafka", "CountWordsPerWindow", "DeadLetters", "ToKafkaRecord", "WriteResults"), plain);
    List<String> withTop = steps(new WordCount(), "--topWordsTopic=top-words");
    assertTrue(withTop.contains("WriteTopWords"), withTop.toString());
    assertFalse(plain.contains("WriteTopWords"), plain.toString());
  }

  @Test
  void aSinkThePipelineDoesNotWriteIsOneLineNamingSink() {
    OptionError error = assertThrows(OptionError.class, () -> steps(new EventCountsSql(), "--sink=kafka"));
    assertEquals("--sink=kafka: event-counts-sql writes only to redis", error.getMessage());
  }
}
