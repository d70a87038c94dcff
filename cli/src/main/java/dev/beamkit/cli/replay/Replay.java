package dev.beamkit.cli.replay;

import dev.beamkit.cli.KafkaServersOption;
import dev.beamkit.cli.TimestampOptions;
import dev.beamkit.pipelines.replay.KafkaReplayer;
import dev.beamkit.pipelines.replay.ReplayRecord;
import dev.beamkit.pipelines.replay.SyntheticData;
import dev.beamkit.pipelines.replay.TestdataFile;
import dev.beamkit.transforms.time.EventTimeExtractor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code beamkit replay}: writes a {@code testdata/} file or generated data to a Kafka topic,
 * keeping keys and using each payload's event time as the record timestamp.
 */
@Command(
    name = "replay",
    mixinStandardHelpOptions = true,
    description = "Write a testdata file or generated records to a Kafka topic.")
public final class Replay implements Callable<Integer> {

  /** Exactly one input: a file or a generator. */
  static final class Input {
    @Option(names = "--file", description = "A testdata file (.jsonl or .txt).")
    Path file;

    @Option(names = "--generate", description = "Generate data instead: sensors, user-events or text.")
    String generate;
  }

  @ArgGroup(multiplicity = "1")
  Input input;

  @Option(names = "--topic", required = true, description = "Kafka topic to write to.")
  String topic;

  @Mixin KafkaServersOption kafka;

  @Option(names = "--time-field", description = "JSON field holding the event time, used as record timestamp (e.g. ts).")
  String timeField;

  @Mixin TimestampOptions timestamps;

  @Option(names = "--rate", defaultValue = "0", description = "Records per second; 0 = as fast as possible (default).")
  double rate;

  @Option(names = "--count", defaultValue = "1000", description = "How many records to generate (default: ${DEFAULT-VALUE}).")
  long count;

  @Option(names = "--seed", defaultValue = "42", description = "Seed for generated data (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--start", defaultValue = "2024-03-01T12:00:00Z", description = "First event time of generated data (default: ${DEFAULT-VALUE}).")
  String start;

  @Override
  public Integer call() throws Exception {
    Iterator<ReplayRecord> records = records();
    try (KafkaReplayer replayer = new KafkaReplayer(kafka.bootstrapServers(), System.out)) {
      replayer.replay(topic, records, rate);
    }
    return 0;
  }

  private Iterator<ReplayRecord> records() {
    if (input.file != null) {
      if (!Files.isReadable(input.file)) {
        throw badOption("--file=" + input.file + ": no such readable file");
      }
      List<ReplayRecord> lines = TestdataFile.read(input.file, extractor());
      return lines.iterator();
    }
    SyntheticData.Kind kind;
    Instant first;
    try {
      kind = SyntheticData.Kind.fromName(input.generate);
    } catch (IllegalArgumentException e) {
      throw badOption("--generate=" + input.generate + ": " + e.getMessage());
    }
    try {
      first = Instant.parse(start);
    } catch (RuntimeException e) {
      throw badOption("--start=" + start + ": not an ISO instant such as 2024-03-01T12:00:00Z");
    }
    return SyntheticData.generate(kind, count, seed, first);
  }

  /** A bad option value: picocli prints it as one line with a hint to --help. */
  private CommandLine.ParameterException badOption(String message) {
    return new CommandLine.ParameterException(new CommandLine(this), message);
  }

  private EventTimeExtractor extractor() {
    if (timeField == null) {
      return null;
    }
    return EventTimeExtractor.field(timeField, timestamps.parser());
  }
}
