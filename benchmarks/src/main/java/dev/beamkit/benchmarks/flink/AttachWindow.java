package dev.beamkit.benchmarks.flink;

import dev.beamkit.benchmarks.WindowResult;
import org.apache.flink.streaming.api.functions.windowing.ProcessWindowFunction;
import org.apache.flink.streaming.api.windowing.windows.TimeWindow;
import org.apache.flink.util.Collector;

/** Turns a window's final accumulator into a result carrying the sensor and the window bounds. */
final class AttachWindow extends ProcessWindowFunction<StatsAccumulator, WindowResult, String, TimeWindow> {
  private static final long serialVersionUID = 1L;

  @Override
  public void process(String sensor, Context context, Iterable<StatsAccumulator> totals, Collector<WindowResult> out) {
    StatsAccumulator acc = totals.iterator().next();
    TimeWindow w = context.window();
    out.collect(WindowResult.of(sensor, w.getStart(), w.getEnd(), acc.count, acc.min, acc.max, acc.sum));
  }
}
