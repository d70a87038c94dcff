package dev.beamkit.cli;

import dev.beamkit.pipelines.PipelineLauncher;
import picocli.CommandLine;

/**
 * Runs a picocli command the beamkit way: a bad argument is one line on stderr naming the
 * argument (exit 2), never a stack trace; a failure while running is one line too (exit 1).
 */
public final class Cli {
  private Cli() {}

  /** Executes {@code command} with {@code args} and returns the exit code. */
  public static int execute(Object command, String... args) {
    CommandLine cli = new CommandLine(command);
    String name = cli.getCommandName();
    cli.setParameterExceptionHandler(
        (e, a) -> {
          System.err.println(name + ": " + e.getMessage());
          System.err.println("Try '" + name + " --help' for the options.");
          return PipelineLauncher.USAGE;
        });
    cli.setExecutionExceptionHandler(
        (e, c, parsed) -> {
          System.err.println(name + ": " + e.getMessage() + (e.getCause() == null || e.getCause().getMessage() == null ? "" : " (" + e.getCause().getMessage() + ")"));
          return 1;
        });
    return cli.execute(args);
  }
}
