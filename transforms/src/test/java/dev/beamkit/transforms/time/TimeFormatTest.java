package dev.beamkit.transforms.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class TimeFormatTest {
  @ParameterizedTest
  @ValueSource(strings = {"iso-local", "ISO_LOCAL", "Iso-Local", " iso_local "})
  void fromNameIgnoresCaseAndAcceptsDashes(String name) {
    assertEquals(TimeFormat.ISO_LOCAL, TimeFormat.fromName(name));
  }

  @Test
  void everyFormatRoundTripsThroughItsOptionName() {
    for (TimeFormat format : TimeFormat.values()) {
      assertEquals(format, TimeFormat.fromName(format.optionName()));
    }
    assertEquals("epoch-seconds", TimeFormat.EPOCH_SECONDS.optionName());
  }

  @Test
  void unknownNameListsTheAllowedNames() {
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> TimeFormat.fromName("iso"));
    assertEquals(
        "unknown time format \"iso\"; allowed: auto, iso-local, iso-offset, sql, epoch-millis,"
            + " epoch-seconds",
        e.getMessage());
    assertTrue(
        assertThrows(IllegalArgumentException.class, () -> TimeFormat.fromName(""))
            .getMessage()
            .contains("allowed:"));
  }
}
