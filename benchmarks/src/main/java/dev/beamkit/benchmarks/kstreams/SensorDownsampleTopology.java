package dev.beamkit.benchmarks.kstreams;

import dev.beamkit.benchmarks.FlushMarkers;
import dev.beamkit.benchmarks.SensorWindows;
import dev.beamkit.benchmarks.WindowJson;
import java.util.List;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Grouped;
import org.apache.kafka.streams.kstream.Materialized;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Suppressed;
import org.apache.kafka.streams.kstream.TimeWindows;
import org.apache.kafka.streams.state.Stores;

/**
 * sensor-downsample as a Kafka Streams topology: event time from {@code ts}, 10 s windows with 1 s
 * grace, count/min/max/sum per sensor, and {@code suppress(untilWindowCloses)} so each window is
 * written once, final, like the other implementations' results.
 *
 * <p>State lives in memory without changelog topics, matching the Flink baseline, which runs
 * without checkpoints: neither pays for fault tolerance here.
 *
 * <p>The input topic is read together with a flush topic of the same partition count (both in
 * one source, so partition i of each lands in the same task). Suppression only emits when stream
 * time passes a window's end plus grace, and stream time only moves with records, so the last
 * windows of a finite input would never be written; one far-future marker per flush partition
 * moves stream time past them. Kafka Streams takes records of a task in timestamp order, so the
 * markers are processed after all readings even though they are written first.
 */
public final class SensorDownsampleTopology {
  /** Name of the windowed state store. */
  static final String STORE = "window-stats";

  private SensorDownsampleTopology() {}

  /** Readings from {@code inputTopic} and markers from {@code flushTopic} to results in {@code outputTopic}. */
  public static Topology build(String inputTopic, String flushTopic, String outputTopic) {
    StreamsBuilder builder = new StreamsBuilder();
    TimedValueSerde readings = new TimedValueSerde();
    builder
        .stream(
            List.of(inputTopic, flushTopic),
            Consumed.with(Serdes.String(), readings).withTimestampExtractor(new ReadingTimestampExtractor()))
        .groupByKey(Grouped.with(Serdes.String(), readings))
        .windowedBy(TimeWindows.ofSizeAndGrace(SensorWindows.SIZE, SensorWindows.ALLOWED_LATENESS))
        .aggregate(
            WindowStats::empty,
            (sensor, reading, stats) -> stats.add(reading.value()),
            Materialized.<String, WindowStats>as(
                    Stores.inMemoryWindowStore(
                        STORE,
                        SensorWindows.SIZE.plus(SensorWindows.ALLOWED_LATENESS),
                        SensorWindows.SIZE,
                        false))
                .withKeySerde(Serdes.String())
                .withValueSerde(new WindowStatsSerde())
                .withLoggingDisabled())
        .suppress(Suppressed.untilWindowCloses(Suppressed.BufferConfig.unbounded().withLoggingDisabled()))
        .toStream()
        .filter((window, stats) -> !FlushMarkers.KEY.equals(window.key()))
        .map(
            (window, stats) ->
                KeyValue.pair(
                    window.key(),
                    WindowJson.write(stats.result(window.key(), window.window().start(), window.window().end()))))
        .to(outputTopic, Produced.with(Serdes.String(), Serdes.ByteArray()));
    return builder.build();
  }
}
