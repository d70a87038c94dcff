package dev.beamkit.pipelines.options;

/**
 * A bad option value, reported to the user as one line that names the option. Thrown by option
 * validation and caught by the command-line entry points, which print it without a stack trace.
 * A password in the value is shown as {@code ***}.
 */
public final class OptionError extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public OptionError(String option, String value, String expected) {
    super(Redaction.hidePasswords("--" + option + "=" + value + ": " + expected));
  }
}
