package dev.beamkit.benchmarks.harness;

import dev.beamkit.benchmarks.Answer;

/**
 * One line of the report: a run and its verdict. A run's figures count only when its answer
 * equals the expected one; otherwise the report shows why not and no speed.
 *
 * @param measurement null when the run failed before measuring anything
 * @param detail the failure, or what was wrong with the answer; empty when {@code OK}
 */
public record ReportRow(
    String impl, String mode, Status status, Measurement measurement, Answer expected, String detail) {

  /** Verdict on a run. */
  public enum Status {
    OK,
    WRONG_ANSWER,
    FAILED
  }

  /** A finished run, judged against {@code expected}. */
  public static ReportRow judged(Measurement m, Answer expected) {
    boolean right = m.answer().equals(expected);
    return new ReportRow(
        m.impl(),
        m.mode(),
        right ? Status.OK : Status.WRONG_ANSWER,
        m,
        expected,
        right ? "" : "gave " + m.answer().items() + " items, checksum " + m.answer().checksum());
  }

  /** A run that threw or whose child JVM died. */
  public static ReportRow failed(String impl, String mode, Answer expected, Exception error) {
    return new ReportRow(impl, mode, Status.FAILED, null, expected, String.valueOf(error.getMessage()));
  }

  /** True when the answer was right, so the figures may be reported. */
  public boolean ok() {
    return status == Status.OK;
  }
}
