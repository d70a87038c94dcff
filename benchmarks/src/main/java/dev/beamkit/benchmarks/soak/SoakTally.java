package dev.beamkit.benchmarks.soak;

import dev.beamkit.benchmarks.SensorWindows;
import dev.beamkit.benchmarks.TokenRegistry;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAccumulator;
import java.util.concurrent.atomic.LongAdder;

/**
 * What a soak's source generated and its sink received, per window start (all sensors together):
 * enough to say how fast the readings went in and that every closed window counted all of them,
 * without keeping results. Source and sink carry the tally's token and find it through a {@link
 * TokenRegistry}, as {@code ResultLines}' sinks do.
 */
public final class SoakTally implements AutoCloseable {
  private static final TokenRegistry<SoakTally> OPEN = new TokenRegistry<>("soak tally");

  private final Map<Long, LongAdder> generatedPerWindow = new ConcurrentHashMap<>();
  private final Map<Long, LongAdder> countedOnTimePerWindow = new ConcurrentHashMap<>();
  private final AtomicLong generated = new AtomicLong();
  private final AtomicLong sourceStartMillis = new AtomicLong();
  private final LongAdder panes = new LongAdder();
  private final LongAdder otherPanes = new LongAdder();
  private final LongAccumulator newestWindowEnd = new LongAccumulator(Math::max, 0);
  private final String token;

  private SoakTally() {
    token = OPEN.add(this);
  }

  /** A new empty tally, findable by {@link #token()} until closed. */
  public static SoakTally open() {
    return new SoakTally();
  }

  /** The open tally with {@code token}. */
  public static SoakTally byToken(String token) {
    return OPEN.get(token);
  }

  /** What the source and sink carry to find this tally. */
  public String token() {
    return token;
  }

  /** The source began generating at {@code millis} (wall clock); the first call wins. */
  public void sourceStarted(long millis) {
    sourceStartMillis.compareAndSet(0, millis);
  }

  /** Wall-clock time the source began, 0 before. */
  public long sourceStartMillis() {
    return sourceStartMillis.get();
  }

  /** One reading with event time {@code timestampMillis} went in. */
  public void generated(long timestampMillis) {
    generatedPerWindow.computeIfAbsent(SensorWindows.windowStart(timestampMillis), w -> new LongAdder()).increment();
    generated.incrementAndGet();
  }

  /** Readings generated so far. */
  public long generated() {
    return generated.get();
  }

  /**
   * One pane came out: an ON_TIME pane's {@code count} adds to its window's total; other panes
   * (late or early ones, which this in-order input should never produce) are only counted.
   */
  public void pane(long windowStartMillis, long windowEndMillis, boolean onTime, long count) {
    panes.increment();
    if (onTime) {
      countedOnTimePerWindow.computeIfAbsent(windowStartMillis, w -> new LongAdder()).add(count);
    } else {
      otherPanes.increment();
    }
    newestWindowEnd.accumulate(windowEndMillis);
  }

  /** Panes (window results, one per sensor and window here) received so far. */
  public long panes() {
    return panes.sum();
  }

  /** Panes that were not ON_TIME. */
  public long otherPanes() {
    return otherPanes.sum();
  }

  /** End of the newest window a result came out for, 0 before the first. */
  public long newestWindowEndMillis() {
    return newestWindowEnd.get();
  }

  /** Readings generated per window start, in window order. */
  public Map<Long, Long> generatedPerWindow() {
    return snapshot(generatedPerWindow);
  }

  /** Readings counted by the ON_TIME panes per window start, in window order. */
  public Map<Long, Long> countedPerWindow() {
    return snapshot(countedOnTimePerWindow);
  }

  private static Map<Long, Long> snapshot(Map<Long, LongAdder> counts) {
    Map<Long, Long> copy = new TreeMap<>();
    counts.forEach((window, n) -> copy.put(window, n.sum()));
    return copy;
  }

  @Override
  public void close() {
    OPEN.remove(token);
  }
}
