package dev.beamkit.localstack;

import java.nio.file.Path;
import java.util.List;

/** The parsed command line of {@link LocalStackCli}: a command and its options. */
record CliArguments(String command, int kafkaPort, int redisPort, Path stateDir) {

  static final String USAGE =
      "usage: localstack start|status|stop [--state-dir DIR] [--kafka-port N] [--redis-port N]";

  private static final List<String> COMMANDS = List.of("start", "status", "stop", "help");

  /** A command line that cannot be run; its message is the one line shown to the user. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  /**
   * Parses {@code args}. Options may come before or after the command, as {@code --opt value} or
   * {@code --opt=value}. Ports default to 0 (a free one), the state directory to
   * {@code .beamkit/stack} under the current directory.
   */
  static CliArguments parse(String[] args) throws UsageException {
    String command = null;
    int kafkaPort = 0;
    int redisPort = 0;
    Path stateDir = Path.of(".beamkit", "stack");
    boolean portGiven = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-h") || arg.equals("--help")) {
        command = "help";
        continue;
      }
      if (!arg.startsWith("-")) {
        if (command != null) {
          throw new UsageException("unexpected argument '" + arg + "'");
        }
        if (!COMMANDS.contains(arg)) {
          throw new UsageException("unknown command '" + arg + "' (start, status or stop)");
        }
        command = arg;
        continue;
      }
      int equals = arg.indexOf('=');
      String option = equals < 0 ? arg : arg.substring(0, equals);
      if (!List.of("--kafka-port", "--redis-port", "--state-dir").contains(option)) {
        throw new UsageException("unknown option " + option);
      }
      String value;
      if (equals >= 0) {
        value = arg.substring(equals + 1);
      } else if (i + 1 < args.length) {
        value = args[++i];
      } else {
        throw new UsageException("option " + option + " needs a value");
      }
      switch (option) {
        case "--kafka-port" -> kafkaPort = port(option, value);
        case "--redis-port" -> redisPort = port(option, value);
        default -> stateDir = directory(option, value);
      }
      portGiven |= !option.equals("--state-dir");
    }
    if (command == null) {
      throw new UsageException("missing command (start, status or stop)");
    }
    if (portGiven && !command.equals("start")) {
      throw new UsageException("options --kafka-port and --redis-port apply only to start");
    }
    return new CliArguments(command, kafkaPort, redisPort, stateDir.toAbsolutePath());
  }

  private static int port(String option, String value) throws UsageException {
    try {
      int port = Integer.parseInt(value);
      if (port >= 0 && port <= 65_535) {
        return port;
      }
    } catch (NumberFormatException notANumber) {
      // Reported below together with the out-of-range case.
    }
    throw new UsageException(
        "option " + option + " needs a port number from 0 to 65535, not '" + value + "'");
  }

  private static Path directory(String option, String value) throws UsageException {
    if (value.isBlank()) {
      throw new UsageException("option " + option + " needs a directory");
    }
    return Path.of(value);
  }
}
