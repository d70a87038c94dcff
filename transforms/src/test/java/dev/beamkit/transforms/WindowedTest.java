package dev.beamkit.transforms;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertThrows;

import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.NullableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.transforms.windowing.IntervalWindow;
import org.apache.beam.sdk.transforms.windowing.PaneInfo;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.joda.time.Duration;
import org.joda.time.Instant;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/** {@link Windowed}: its coder, the window and pane it copies, and {@link Windowed#attach()}. */
@RunWith(JUnit4.class)
@SuppressWarnings("unchecked") // PAssert.containsInAnyOrder takes generic varargs
public class WindowedTest {
  private static final IntervalWindow WINDOW =
      new IntervalWindow(StatsPanes.BASE, Duration.standardSeconds(10));

  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static List<Windowed<String>> samples() {
    return List.of(
        Windowed.of("a", WINDOW.start(), WINDOW.end(), Timing.EARLY, 0, true, false),
        Windowed.of("", WINDOW.start(), WINDOW.end(), Timing.ON_TIME, 1, false, false),
        Windowed.of("ü", WINDOW.start(), WINDOW.end(), Timing.LATE, 300, false, true),
        Windowed.of("x", GlobalWindow.INSTANCE, PaneInfo.NO_FIRING),
        Windowed.of("y", BoundedWindow.TIMESTAMP_MIN_VALUE, new Instant(-5), Timing.UNKNOWN, 0, true, true));
  }

  @Test
  public void coderObeysBeamsCoderProperties() throws Exception {
    CoderLaws.assertObeyedBy(Windowed.Coder.of(StringUtf8Coder.of()), samples());
  }

  @Test
  public void coderIsDeterministicOnlyWithADeterministicValueCoder() throws Exception {
    Windowed.Coder.of(KvCoder.of(StringUtf8Coder.of(), Stats.Coder.of())).verifyDeterministic();
    assertThrows(
        Coder.NonDeterministicException.class,
        () -> Windowed.Coder.of(DoubleCoder.of()).verifyDeterministic());
    Coder<Windowed<byte[]>> bytes =
        Windowed.Coder.of(org.apache.beam.sdk.coders.ByteArrayCoder.of());
    Windowed<byte[]> w =
        Windowed.of(new byte[] {1, 2}, WINDOW.start(), WINDOW.end(), Timing.LATE, 2, false, false);
    // byte[] has identity equality: structural values must still compare equal.
    assertEquals(bytes.structuralValue(w), bytes.structuralValue(CoderUtils.clone(bytes, w)));
  }

  @Test
  public void coderIsCompactAndKeepsNullValues() throws Exception {
    Windowed.Coder<Long> coder = Windowed.Coder.of(VarLongCoder.of());
    // 8 (start) + 2 (10 000 ms length) + 1 (timing and flags) + 1 (pane index) + 1 (value).
    assertEquals(
        13,
        CoderUtils.encodeToByteArray(
                coder, Windowed.of(5L, WINDOW.start(), WINDOW.end(), Timing.ON_TIME, 0, true, true))
            .length);
    Windowed.Coder<String> nullable = Windowed.Coder.of(NullableCoder.of(StringUtf8Coder.of()));
    CoderProperties.coderDecodeEncodeEqual(
        nullable, Windowed.of(null, WINDOW.start(), WINDOW.end(), Timing.LATE, 1, false, false));
  }

  @Test
  public void registryBuildsTheCoderFromTheValueCoder() throws Exception {
    Coder<Windowed<String>> coder =
        CoderRegistry.createDefault().getCoder(new TypeDescriptor<Windowed<String>>() {});
    assertEquals(Windowed.Coder.of(StringUtf8Coder.of()), coder);
  }

  @Test
  public void copiesWindowBoundsAndPaneInfo() {
    Windowed<String> interval =
        Windowed.of(
            "v",
            WINDOW,
            PaneInfo.createPane(false, true, PaneInfo.Timing.LATE, 3, -1));
    assertEquals(
        Windowed.of("v", WINDOW.start(), WINDOW.end(), Timing.LATE, 3, false, true), interval);

    Windowed<String> global = Windowed.of("v", GlobalWindow.INSTANCE, PaneInfo.NO_FIRING);
    assertEquals(BoundedWindow.TIMESTAMP_MIN_VALUE, global.windowStart());
    assertEquals(GlobalWindow.INSTANCE.maxTimestamp().plus(Duration.millis(1)), global.windowEnd());
    assertEquals(Timing.UNKNOWN, global.timing());
    assertThrows(
        IllegalArgumentException.class,
        () -> Windowed.of("v", WINDOW.end(), WINDOW.start(), Timing.LATE, 0, true, true));
  }

  @Test
  public void attachSetsItsCoderAndSeesTheGlobalWindow() {
    PCollection<Windowed<KV<String, Long>>> attached =
        p.apply(Create.of(KV.of("a", 1L), KV.of("b", 2L))).apply(Windowed.attach());

    assertEquals(
        Windowed.Coder.of(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())),
        attached.getCoder());
    Instant end = GlobalWindow.INSTANCE.maxTimestamp().plus(Duration.millis(1));
    PAssert.that(attached)
        .containsInAnyOrder(
            Windowed.of(KV.of("a", 1L), BoundedWindow.TIMESTAMP_MIN_VALUE, end, Timing.UNKNOWN, 0, true, true),
            Windowed.of(KV.of("b", 2L), BoundedWindow.TIMESTAMP_MIN_VALUE, end, Timing.UNKNOWN, 0, true, true));
    p.run().waitUntilFinish();
  }

  @Test
  public void timingCodesAreStable() {
    for (Timing t : Timing.values()) {
      assertEquals(t, Timing.fromCode(t.code()));
    }
    assertEquals(Timing.ON_TIME, Timing.of(PaneInfo.Timing.ON_TIME));
    assertEquals(Timing.UNKNOWN, Timing.of(PaneInfo.Timing.UNKNOWN));
    assertThrows(IllegalArgumentException.class, () -> Timing.fromCode(7));
  }
}
