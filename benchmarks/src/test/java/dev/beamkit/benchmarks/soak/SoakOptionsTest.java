package dev.beamkit.benchmarks.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.TypeConversionException;

class SoakOptionsTest {
  @Test
  void lengthsInSecondsMinutesAndHours() {
    assertEquals(Duration.ofMinutes(30), SoakArguments.length("30m"));
    assertEquals(Duration.ofSeconds(90), SoakArguments.length("90s"));
    assertEquals(Duration.ofHours(1), SoakArguments.length("1h"));
  }

  @Test
  void aLengthWithoutUnitOrUnderAMinuteIsRefused() {
    assertThrows(TypeConversionException.class, () -> SoakArguments.length("30"));
    assertThrows(TypeConversionException.class, () -> SoakArguments.length("30 minutes"));
    assertThrows(TypeConversionException.class, () -> SoakArguments.length("59s"));
    assertThrows(TypeConversionException.class, () -> SoakArguments.length("-5m"));
  }

  @Test
  void positiveWholeNumbersOnly() {
    assertEquals(20_000, SoakArguments.positive("20000"));
    assertThrows(TypeConversionException.class, () -> SoakArguments.positive("0"));
    assertThrows(TypeConversionException.class, () -> SoakArguments.positive("-3"));
    assertThrows(TypeConversionException.class, () -> SoakArguments.positive("20k"));
  }

  @Test
  void planRoundTripsThroughTheChildsArguments() {
    SoakPlan plan = new SoakPlan("beamkit-flink", 5000, 180, 100, 2, "run-1");
    SoakRun child = new SoakRun();
    List<String> args = new ArrayList<>(plan.args());
    args.addAll(List.of("--report", "soak.json"));
    new CommandLine(child).parseArgs(args.toArray(String[]::new));
    assertEquals(plan, child.plan());
  }

  @Test
  void lengthIsWrittenAsPeopleWriteIt() {
    assertEquals("3 min", new SoakPlan("x", 1, 180, 1, 1, "r").lengthText());
    assertEquals("90 s", new SoakPlan("x", 1, 90, 1, 1, "r").lengthText());
  }
}
