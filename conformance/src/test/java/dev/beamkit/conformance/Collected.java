package dev.beamkit.conformance;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;

/**
 * Collects what a pipeline outputs into this JVM, in arrival order, so a test can compare it with
 * what it expects and show every difference at once. Works for runners that execute in the test
 * JVM (Direct, Flink {@code [local]}, Spark {@code local[n]}): the workers share the static map.
 */
final class Collected {
  private static final Map<String, Queue<String>> OUTPUTS = new ConcurrentHashMap<>();

  private final String id = UUID.randomUUID().toString();

  Collected() {
    OUTPUTS.put(id, new ConcurrentLinkedQueue<>());
  }

  /** The transform that collects into this. */
  ParDo.SingleOutput<String, Void> sink() {
    return ParDo.of(new Add(id));
  }

  /** Everything collected so far. */
  List<String> values() {
    return new ArrayList<>(OUTPUTS.get(id));
  }

  private static final class Add extends DoFn<String, Void> {
    private final String id;

    Add(String id) {
      this.id = id;
    }

    @ProcessElement
    public void processElement(@Element String value) {
      OUTPUTS.get(id).add(value);
    }
  }
}
