package dev.beamkit.cli.chart;

import dev.beamkit.cli.KafkaServersOption;
import dev.beamkit.cli.TimestampOptions;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code beamkit chart}: reads a sensor-downsample run's raw and aggregate topics from Kafka and
 * writes the raw-versus-downsampled chart ({@link SensorChart}) as a PNG, printing its path.
 */
@Command(
    name = "chart",
    mixinStandardHelpOptions = true,
    description = "Chart raw against downsampled sensor readings (min, mean, max per window) from Kafka as a PNG.")
public final class Chart implements Callable<Integer> {

  @Option(names = "--topic", defaultValue = "raw-temp-data", description = "Topic of the raw readings (default: ${DEFAULT-VALUE}).")
  String topic;

  @Option(names = "--aggregate-topic", defaultValue = "agg-temperature", description = "Topic of the windows sensor-downsample wrote (default: ${DEFAULT-VALUE}).")
  String aggregateTopic;

  @Mixin KafkaServersOption kafka;

  @Mixin TimestampOptions timestamps;

  @Option(names = "--out", defaultValue = "sensors.png", description = "PNG file to write (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--quiet", defaultValue = "PT3S", description = "A topic is read to its end once no record came for this long (default: ${DEFAULT-VALUE}).")
  Duration quiet;

  @Override
  public Integer call() throws Exception {
    SensorChartData data =
        SensorChartData.fromKafka(
            kafka.bootstrapServers(), topic, aggregateTopic, timestamps.parser(), quiet, quiet.plusSeconds(60));
    SensorChart.write(data, out);
    System.out.println(
        "chart of " + data.sensors().size() + " sensors, " + data.readingCount() + " readings and "
            + data.windowCount() + " windows"
            + (data.skipped() == 0 ? "" : " (left out " + data.skipped() + " records that are not readings or windows)")
            + ": " + out.toAbsolutePath());
    return 0;
  }
}
