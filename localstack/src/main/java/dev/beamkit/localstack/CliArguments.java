package dev.beamkit.localstack;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The parsed command line of {@link LocalStackCli}: a command, the servers it names and the
 * options.
 *
 * @param command start, status, stop or help
 * @param servers the servers named, in start order; for start the default ones when none are
 *     named, for status and stop empty when none are (meaning every recorded one)
 * @param ports the port options given, by server (0 or absent: a free one)
 * @param sparkUiPort the Spark master's web UI port (0: a free one)
 * @param stateDir where the state, data and logs live
 * @param secure whether Kafka and Redis start secured (SASL_SSL, ACL user, TLS), as {@link
 *     SecuredStack} describes
 */
record CliArguments(
    String command,
    List<StackService> servers,
    Map<StackService, Integer> ports,
    int sparkUiPort,
    Path stateDir,
    boolean secure) {

  static final String USAGE =
      "usage: localstack start|status|stop [kafka] [redis] [flink] [spark] [all] [--state-dir DIR]"
          + " [--kafka-port N] [--redis-port N] [--flink-port N] [--spark-port N]"
          + " [--spark-ui-port N] [--secure]";

  private static final List<String> COMMANDS = List.of("start", "status", "stop", "help");
  private static final String SPARK_UI_PORT = "--spark-ui-port";
  private static final String STATE_DIR = "--state-dir";
  private static final String SECURE = "--secure";

  /** A command line that cannot be run; its message is the one line shown to the user. */
  static final class UsageException extends Exception {
    UsageException(String message) {
      super(message);
    }
  }

  /** The port the command line asks for {@code service}; 0 for a free one. */
  int port(StackService service) {
    return ports.getOrDefault(service, 0);
  }

  /**
   * Parses {@code args}. Options may come before or after the command, as {@code --opt value} or
   * {@code --opt=value}. Ports default to 0 (a free one), the state directory to {@code
   * .beamkit/stack} under the current directory.
   */
  static CliArguments parse(String[] args) throws UsageException {
    String command = null;
    TreeSet<StackService> servers = new TreeSet<>();
    Map<StackService, Integer> ports = new EnumMap<>(StackService.class);
    List<String> portOptions = new ArrayList<>();
    int sparkUiPort = 0;
    Path stateDir = Path.of(".beamkit", "stack");
    boolean secure = false;
    for (int i = 0; i < args.length; i++) {
      String arg = args[i];
      if (arg.equals("-h") || arg.equals("--help")) {
        command = "help";
      } else if (arg.equals(SECURE)) {
        secure = true;
      } else if (!arg.startsWith("-")) {
        if (command == null) {
          if (!COMMANDS.contains(arg)) {
            throw new UsageException("unknown command '" + arg + "' (start, status or stop)");
          }
          command = arg;
        } else {
          servers.addAll(servers(arg));
        }
      } else {
        int equals = arg.indexOf('=');
        String option = equals < 0 ? arg : arg.substring(0, equals);
        StackService portOf = portOption(option);
        if (portOf == null && !option.equals(SPARK_UI_PORT) && !option.equals(STATE_DIR)) {
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
        if (option.equals(STATE_DIR)) {
          stateDir = directory(option, value);
        } else {
          portOptions.add(option);
          if (portOf != null) {
            ports.put(portOf, port(option, value));
          } else {
            sparkUiPort = port(option, value);
          }
        }
      }
    }
    if (command == null) {
      throw new UsageException("missing command (start, status or stop)");
    }
    if (command.equals("start") && servers.isEmpty()) {
      servers.addAll(StackService.DEFAULT);
    }
    checkPortOptions(command, servers, portOptions);
    if (secure && !command.equals("start")) {
      throw new UsageException("option " + SECURE + " applies only to start");
    }
    return new CliArguments(
        command, List.copyOf(servers), ports, sparkUiPort, stateDir.toAbsolutePath(), secure);
  }

  /** The servers a name on the command line stands for. */
  private static List<StackService> servers(String name) throws UsageException {
    if (name.equals("all")) {
      return List.of(StackService.values());
    }
    for (StackService service : StackService.values()) {
      if (service.id().equals(name)) {
        return List.of(service);
      }
    }
    throw new UsageException("unknown server '" + name + "' (kafka, redis, flink, spark or all)");
  }

  /** The server whose port {@code option} sets, or null if it is no such option. */
  private static StackService portOption(String option) {
    for (StackService service : StackService.values()) {
      if (option.equals("--" + service.id() + "-port")) {
        return service;
      }
    }
    return null;
  }

  /** A port option only makes sense for a server this command starts. */
  private static void checkPortOptions(
      String command, TreeSet<StackService> servers, List<String> portOptions)
      throws UsageException {
    for (String option : portOptions) {
      StackService service =
          option.equals(SPARK_UI_PORT) ? StackService.SPARK : portOption(option);
      if (!command.equals("start") || !servers.contains(service)) {
        throw new UsageException(
            "option " + option + " applies only to start with " + service.id()
                + " among the servers");
      }
    }
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
