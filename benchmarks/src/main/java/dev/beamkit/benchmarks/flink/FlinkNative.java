package dev.beamkit.benchmarks.flink;

import dev.beamkit.benchmarks.Implementation;
import dev.beamkit.benchmarks.Mode;
import dev.beamkit.benchmarks.Outcome;
import dev.beamkit.benchmarks.ResultLines;
import dev.beamkit.benchmarks.RunContext;
import java.util.Set;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/** {@link SensorDownsampleJob} on a local MiniCluster, the native Flink baseline. */
public final class FlinkNative implements Implementation {

  @Override
  public String name() {
    return "flink-native";
  }

  @Override
  public Set<Mode> modes() {
    return Set.of(Mode.KAFKA, Mode.MEMORY);
  }

  @Override
  public Outcome run(RunContext context) throws Exception {
    StreamExecutionEnvironment env = SensorDownsampleJob.localEnvironment(context.parallelism());
    if (context.mode() == Mode.KAFKA) {
      DataStream<Reading> readings =
          SensorDownsampleJob.fromKafka(env, context.requireKafka(), "bench-" + context.runId());
      SensorDownsampleJob.toKafka(SensorDownsampleJob.windows(readings), context.requireKafka());
      env.execute(name() + "-" + context.runId());
      return Outcome.inOutputTopic();
    }
    try (ResultLines lines = ResultLines.create()) {
      SensorDownsampleJob.windows(SensorDownsampleJob.fromMemory(env, context.workload()))
          .sinkTo(new ResultLinesSink(lines))
          .name("WriteResults");
      env.execute(name() + "-" + context.runId());
      return lines.finish();
    }
  }
}
