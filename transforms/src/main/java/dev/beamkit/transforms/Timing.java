package dev.beamkit.transforms;

import org.apache.beam.sdk.transforms.windowing.PaneInfo;

/**
 * When a pane fired relative to the watermark, as carried by {@link Windowed#timing()}.
 *
 * <p>Mirrors Beam's {@link PaneInfo.Timing} so downstream code (JSON output, sinks) does not
 * depend on a Beam type. Each constant has a fixed one-byte {@link #code()} used by {@link
 * Windowed.Coder}, so reordering the constants never changes encoded data.
 */
public enum Timing {
  /** Fired before the watermark passed the end of the window (a speculative result). */
  EARLY(0),
  /** Fired when the watermark passed the end of the window. */
  ON_TIME(1),
  /** Fired after the watermark passed the end of the window, for late data. */
  LATE(2),
  /** Timing not known, e.g. for elements that never went through a trigger. */
  UNKNOWN(3);

  private final int code;

  Timing(int code) {
    this.code = code;
  }

  /** The stable code written by coders. */
  public int code() {
    return code;
  }

  /** The constant with the given {@link #code()}. */
  public static Timing fromCode(int code) {
    for (Timing t : values()) {
      if (t.code == code) {
        return t;
      }
    }
    throw new IllegalArgumentException("Unknown Timing code " + code);
  }

  /** The timing of a Beam pane. */
  public static Timing of(PaneInfo.Timing timing) {
    switch (timing) {
      case EARLY:
        return EARLY;
      case ON_TIME:
        return ON_TIME;
      case LATE:
        return LATE;
      default:
        return UNKNOWN;
    }
  }
}
