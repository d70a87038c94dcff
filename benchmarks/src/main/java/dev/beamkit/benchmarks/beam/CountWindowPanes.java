package dev.beamkit.benchmarks.beam;

import dev.beamkit.benchmarks.soak.SoakTally;
import dev.beamkit.transforms.Stats;
import dev.beamkit.transforms.Timing;
import dev.beamkit.transforms.Windowed;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.KV;

/** The soak's sink: each window result only counted into the run's {@link SoakTally}, nothing kept. */
public final class CountWindowPanes extends DoFn<Windowed<KV<String, Stats>>, Void> {
  private static final long serialVersionUID = 1L;

  private final String tallyToken;
  private transient SoakTally tally;

  public CountWindowPanes(SoakTally tally) {
    this.tallyToken = tally.token();
  }

  @Setup
  public void setup() {
    tally = SoakTally.byToken(tallyToken);
  }

  @ProcessElement
  public void process(@Element Windowed<KV<String, Stats>> pane) {
    tally.pane(
        pane.windowStart().getMillis(),
        pane.windowEnd().getMillis(),
        pane.timing() == Timing.ON_TIME,
        pane.value().getValue().count());
  }
}
