package dev.beamkit.conformance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

/**
 * What a Spark streaming checkpoint directory holds, as far as a fault test must know. Spark
 * writes the job graph and its pending batches ({@code spark-checkpoint/checkpoint-<time>}) with
 * every batch, but the state of its stateful streams — Beam's Kafka reader positions and open
 * windows — only every tenth batch or so, as RDDs ({@code spark-checkpoint/<context id>/rdd-<n>}):
 * a driver killed before the first of those restarts with the graph but no state.
 */
final class SparkCheckpoints {
  private SparkCheckpoints() {}

  /** Whether the checkpoint in {@code checkpointDir} (a {@code --checkpointDir}) holds a state RDD. */
  static boolean holdState(Path checkpointDir) {
    Path spark = checkpointDir.resolve("spark-checkpoint");
    if (!Files.isDirectory(spark)) {
      return false;
    }
    try (Stream<Path> files = Files.walk(spark, 2)) {
      return files.anyMatch(f -> f.getFileName().toString().startsWith("rdd-"));
    } catch (IOException | UncheckedIOException deletedWhileListed) {
      return false; // Spark deletes older checkpoints as it writes new ones: look again
    }
  }
}
