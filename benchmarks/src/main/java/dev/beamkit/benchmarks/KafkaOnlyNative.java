package dev.beamkit.benchmarks;

import java.util.Set;

/**
 * A native baseline that runs in {@link Mode#KAFKA} only and whose event time moves only with
 * records (Kafka Streams, Spark Structured Streaming): before each run it writes the {@link
 * FlushMarkers} that push event time past the last windows once the readings are read.
 */
public abstract class KafkaOnlyNative implements Implementation {
  private final String name;

  protected KafkaOnlyNative(String name) {
    this.name = name;
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final Set<Mode> modes() {
    return Set.of(Mode.KAFKA);
  }

  @Override
  public final void prepare(RunContext context) throws Exception {
    FlushMarkers.write(context);
  }
}
