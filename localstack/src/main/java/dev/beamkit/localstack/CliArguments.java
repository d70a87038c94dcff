package dev.beamkit.localstack;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import picocli.CommandLine;
import picocli.CommandLine.MissingParameterException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Model.PositionalParamSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

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
  private static final String HELP = "--help";

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
   * {@code --opt=value}; given twice, the last one counts. Ports default to 0 (a free one), the
   * state directory to {@code .beamkit/stack} under the current directory.
   */
  static CliArguments parse(String[] args) throws UsageException {
    CommandLine.ParseResult parsed = words(args);
    if (parsed.hasMatchedOption(HELP)) {
      return new CliArguments("help", List.of(), Map.of(), 0, Path.of("").toAbsolutePath(), false);
    }
    List<String> words = parsed.matchedPositionalValue(0, List.<String>of());
    if (words.isEmpty()) {
      throw new UsageException("missing command (start, status or stop)");
    }
    String command = words.get(0);
    if (!COMMANDS.contains(command)) {
      throw new UsageException("unknown command '" + command + "' (start, status or stop)");
    }
    TreeSet<StackService> servers = new TreeSet<>();
    for (String name : words.subList(1, words.size())) {
      servers.addAll(servers(name));
    }
    if (command.equals("start") && servers.isEmpty()) {
      servers.addAll(StackService.DEFAULT);
    }
    Map<StackService, Integer> ports = new EnumMap<>(StackService.class);
    int sparkUiPort = 0;
    for (OptionSpec option : parsed.matchedOptions()) {
      String name = option.longestName();
      StackService portOf = portOption(name);
      if (portOf == null && !name.equals(SPARK_UI_PORT)) {
        continue;
      }
      int port = port(name, option.getValue());
      // A port option only makes sense for a server this command starts.
      StackService service = portOf == null ? StackService.SPARK : portOf;
      if (!command.equals("start") || !servers.contains(service)) {
        throw new UsageException(
            "option " + name + " applies only to start with " + service.id()
                + " among the servers");
      }
      if (portOf != null) {
        ports.put(portOf, port);
      } else {
        sparkUiPort = port;
      }
    }
    boolean secure = parsed.hasMatchedOption(SECURE);
    if (secure && !command.equals("start")) {
      throw new UsageException("option " + SECURE + " applies only to start");
    }
    Path stateDir = directory(STATE_DIR, parsed.matchedOptionValue(STATE_DIR, ".beamkit/stack"));
    return new CliArguments(
        command, List.copyOf(servers), ports, sparkUiPort, stateDir.toAbsolutePath(), secure);
  }

  /**
   * Splits {@code args} into the words (command and servers) and the options, picocli reporting an
   * unknown option or one without its value in the CLI's one-line form.
   */
  private static CommandLine.ParseResult words(String[] args) throws UsageException {
    CommandSpec spec = CommandSpec.create();
    spec.addOption(OptionSpec.builder("-h", HELP).usageHelp(true).build());
    spec.addOption(OptionSpec.builder(SECURE).build());
    spec.addOption(OptionSpec.builder(STATE_DIR).type(String.class).build());
    for (StackService service : StackService.values()) {
      spec.addOption(OptionSpec.builder(portOptionName(service)).type(String.class).build());
    }
    spec.addOption(OptionSpec.builder(SPARK_UI_PORT).type(String.class).build());
    spec.addPositional(PositionalParamSpec.builder().arity("0..*").type(List.class)
        .auxiliaryTypes(String.class).build());
    CommandLine cli =
        new CommandLine(spec).setOverwrittenOptionsAllowed(true).setExpandAtFiles(false);
    try {
      return cli.parseArgs(args);
    } catch (UnmatchedArgumentException e) {
      String option = e.getUnmatched().get(0);
      int equals = option.indexOf('=');
      throw new UsageException("unknown option " + (equals < 0 ? option : option.substring(0, equals)));
    } catch (MissingParameterException e) {
      String option = ((OptionSpec) e.getMissing().get(0)).longestName();
      throw new UsageException("option " + option + " needs a value");
    } catch (ParameterException e) {
      throw new UsageException(e.getMessage());
    }
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
      if (option.equals(portOptionName(service))) {
        return service;
      }
    }
    return null;
  }

  private static String portOptionName(StackService service) {
    return "--" + service.id() + "-port";
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
