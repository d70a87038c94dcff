package dev.beamkit.pipelines.runtime;

import dev.beamkit.transforms.BeamkitMetrics;
import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.checkerframework.checker.nullness.qual.Nullable;
import org.joda.time.Duration;

/**
 * What {@code bin/beamkit run} prints while a pipeline runs (every {@code --statusEvery}) and as
 * its totals when it stops:
 *
 * <pre>status: parsed=1200 dead-lettered=3 dropped/too-late=0 written=78 input-lag=4s</pre>
 *
 * {@code dropped/too-late} adds what the runner's windowing dropped behind the allowed lateness
 * and what the stateful engine dead-lettered as too late; {@code written} counts the results handed
 * to the sink; {@code input-lag} is the wall clock minus the newest event time read (whole
 * seconds). Every runner reports them while the job runs (Flink's through its task metrics: {@link
 * FlinkLocalMetrics} on the local cluster, {@link FlinkClusterJob} on a session cluster); a field
 * reads {@code n/a} when a runner reports none, and {@code input-lag} does before the first record.
 */
public final class StatusLine {
  private StatusLine() {}

  /** The line for {@code job}, or one of {@code n/a}s when there is no job to ask or it cannot tell. */
  public static String of(String prefix, @Nullable RunningJob job) {
    RunMetrics metrics = job == null ? null : job.metrics();
    if (metrics == null || !metrics.reported()) {
      return prefix + ": parsed=n/a dead-lettered=n/a dropped/too-late=n/a written=n/a input-lag=n/a"
          + " (this runner reports no counters while the job runs)";
    }
    Long newest = metrics.newestEventTime();
    String lag = newest == null ? "n/a" : String.format(Locale.ROOT, "%ds", (System.currentTimeMillis() - newest) / 1000);
    return prefix
        + ": parsed=" + metrics.get(BeamkitMetrics.PARSED)
        + " dead-lettered=" + metrics.get(BeamkitMetrics.DEAD_LETTERED)
        + " dropped/too-late=" + (metrics.get("dropped-too-late") + metrics.get(BeamkitMetrics.TOO_LATE))
        + " written=" + metrics.get(BeamkitMetrics.WRITTEN)
        + " input-lag=" + lag;
  }

  /**
   * Prints {@code status: …} for the job {@code running} supplies (null while there is none) every
   * {@code every} on a daemon thread, which never keeps the JVM alive; a zero interval prints none.
   *
   * @return what ends the printing, so that no status line follows the totals
   */
  public static Runnable printEvery(Duration every, Supplier<@Nullable RunningJob> running, PrintStream out) {
    if (every.getMillis() == 0) {
      return () -> {};
    }
    ScheduledExecutorService timer =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "beamkit-status");
              thread.setDaemon(true);
              return thread;
            });
    timer.scheduleAtFixedRate(
        () -> {
          try {
            out.println(of("status", running.get()));
          } catch (RuntimeException e) {
            // A runner that is stopping may refuse to be asked; the next line will tell.
            out.println("status: n/a (" + e.getClass().getSimpleName() + ")");
          }
        },
        every.getMillis(),
        every.getMillis(),
        TimeUnit.MILLISECONDS);
    return timer::shutdownNow;
  }
}
