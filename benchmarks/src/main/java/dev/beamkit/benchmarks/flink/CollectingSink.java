package dev.beamkit.benchmarks.flink;

import dev.beamkit.benchmarks.WindowResult;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.flink.api.connector.sink2.Sink;
import org.apache.flink.api.connector.sink2.SinkWriter;

/**
 * Collects a job's results into this JVM's memory, with the time of the last write. Works only
 * where the job runs in the submitting JVM (a local MiniCluster): the sink carries a token, and
 * its writers find the shared buffer under that token in a static map.
 */
final class CollectingSink implements Sink<WindowResult> {
  private static final long serialVersionUID = 1L;
  private static final Map<String, Buffer> BUFFERS = new ConcurrentHashMap<>();

  private final String token = UUID.randomUUID().toString();

  CollectingSink() {
    BUFFERS.put(token, new Buffer());
  }

  /** The results written so far and when the last one was written; forgets them. */
  Collected take() {
    Buffer b = BUFFERS.remove(token);
    return new Collected(List.copyOf(b.results), b.lastWriteMillis.get());
  }

  /** What a job wrote. */
  record Collected(List<WindowResult> results, long lastWriteMillis) {}

  @Override
  @SuppressWarnings("deprecation") // Flink 1.19 still requires this overload to be implemented.
  public SinkWriter<WindowResult> createWriter(InitContext context) {
    Buffer buffer = BUFFERS.get(token);
    return new SinkWriter<>() {
      @Override
      public void write(WindowResult result, Context context) {
        buffer.results.add(result);
        buffer.lastWriteMillis.accumulateAndGet(System.currentTimeMillis(), Math::max);
      }

      @Override
      public void flush(boolean endOfInput) {}

      @Override
      public void close() {}
    };
  }

  private static final class Buffer {
    final Queue<WindowResult> results = new ConcurrentLinkedQueue<>();
    final AtomicLong lastWriteMillis = new AtomicLong();
  }
}
