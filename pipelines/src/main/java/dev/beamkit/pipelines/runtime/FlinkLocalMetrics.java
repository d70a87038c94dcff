package dev.beamkit.pipelines.runtime;

import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.beam.sdk.metrics.MetricResults;
import org.apache.flink.api.common.JobID;
import org.apache.flink.metrics.Counter;
import org.apache.flink.metrics.Gauge;
import org.apache.flink.metrics.Metric;
import org.apache.flink.metrics.MetricConfig;
import org.apache.flink.metrics.MetricGroup;
import org.apache.flink.metrics.reporter.MetricReporter;
import org.apache.flink.metrics.reporter.MetricReporterFactory;

/**
 * Beam's counters of a job on the FlinkRunner's local cluster while it runs. The runner hands them
 * over only when the job has ended (the accumulator it keeps them in stays empty until then), but
 * each is also a Flink task metric ({@link FlinkTaskCounters}); the local cluster's tasks run in
 * this JVM, so a Flink metric reporter, installed by {@link FlinkLocalJob}, keeps the counters
 * themselves and reads them on demand — no REST server, no port.
 */
public final class FlinkLocalMetrics implements MetricReporter {
  private static final String JOB_ID = "<job_id>";
  private static final String OPERATOR = "<operator_name>";
  private static final String SUBTASK = "<subtask_index>";

  /** Job id → metric id ({@code <subtask>.<operator>.<metric>}) → the task's counter or gauge. */
  private static final Map<String, Map<String, Metric>> JOBS = new ConcurrentHashMap<>();

  /** The counters of {@code job} now; a restarted task's replace its predecessor's, as on a cluster. */
  static MetricResults of(JobID job) {
    Map<String, Long> values = new HashMap<>();
    JOBS.getOrDefault(job.toHexString(), Map.of()).forEach((id, metric) -> values.put(id, valueOf(metric)));
    return FlinkTaskCounters.of(values);
  }

  /**
   * Drops the counters of a job that has ended: its result holds them now. (Kept until then, not
   * dropped with the tasks' metrics, so that a job's last status line is not all zeros.)
   */
  static void forget(JobID job) {
    JOBS.remove(job.toHexString());
  }

  @Override
  public void open(MetricConfig config) {}

  @Override
  public void close() {}

  @Override
  public void notifyOfAddedMetric(Metric metric, String name, MetricGroup group) {
    Map<String, String> scope = group.getAllVariables();
    String job = scope.get(JOB_ID);
    boolean numeric = metric instanceof Counter || metric instanceof Gauge;
    if (!numeric || job == null || !scope.containsKey(OPERATOR)) {
      return;
    }
    // The runner names its metrics <namespace>.<name>; the REST API, whose ids FlinkTaskCounters
    // reads, shows the dot as "_", as Flink's metric query service replaces it.
    String id = scope.get(SUBTASK) + "." + scope.get(OPERATOR) + "." + name.replace('.', '_');
    if (FlinkTaskCounters.wanted(id)) {
      JOBS.computeIfAbsent(job, j -> new ConcurrentHashMap<>()).put(id, metric);
    }
  }

  /** A counter's count, a gauge's number (the runner's gauges are numbers; -1 for any other value). */
  private static long valueOf(Metric metric) {
    if (metric instanceof Counter counter) {
      return counter.getCount();
    }
    return ((Gauge<?>) metric).getValue() instanceof Number number ? number.longValue() : -1;
  }

  @Override
  public void notifyOfRemovedMetric(Metric metric, String name, MetricGroup group) {}

  /** What Flink instantiates, found by {@link java.util.ServiceLoader} and named in the Flink configuration. */
  public static final class Factory implements MetricReporterFactory {
    @Override
    public MetricReporter createMetricReporter(Properties properties) {
      return new FlinkLocalMetrics();
    }
  }
}
