package dev.beamkit.cli;

import dev.beamkit.transforms.time.EventTimeParser;
import dev.beamkit.transforms.time.TimeFormat;
import java.time.ZoneId;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --timestamp-format} and {@code --timestamp-zone}: how the tools read the event times in
 * records, with the pipelines' own {@link EventTimeParser}.
 */
public final class TimestampOptions {
  @Spec(Spec.Target.MIXEE)
  CommandSpec command;

  @Option(names = "--timestamp-format", defaultValue = "auto", description = "Format of event times (default: ${DEFAULT-VALUE}).")
  String format;

  @Option(names = "--timestamp-zone", defaultValue = "UTC", description = "Zone of event times written without one (default: ${DEFAULT-VALUE}).")
  String zone;

  /**
   * The parser these options describe.
   *
   * @throws CommandLine.ParameterException naming the option when a value is not a format or zone
   */
  public EventTimeParser parser() {
    TimeFormat timeFormat;
    try {
      timeFormat = TimeFormat.fromName(format);
    } catch (IllegalArgumentException e) {
      throw new CommandLine.ParameterException(command.commandLine(), "--timestamp-format=" + format + ": " + e.getMessage());
    }
    ZoneId zoneId;
    try {
      zoneId = ZoneId.of(zone);
    } catch (RuntimeException e) {
      throw new CommandLine.ParameterException(command.commandLine(), "--timestamp-zone=" + zone + ": not a time zone");
    }
    return EventTimeParser.of(timeFormat).withZone(zoneId);
  }
}
