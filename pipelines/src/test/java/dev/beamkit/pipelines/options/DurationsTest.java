package dev.beamkit.pipelines.options;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

  @ParameterizedTest
  @CsvSource({"500ms,500", "10s,10000", "1.5s,1500", "2m,120000", "1h,3600000", "PT10S,10000", "pt0.25s,250", "0s,0"})
  void readsShortAndIsoForms(String text, long millis) {
    assertEquals(millis, Durations.parse("x", text).getMillis());
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10", "ten seconds", "s", "10d", "PTxS"})
  void rejectsOtherText(String text) {
    assertThrows(OptionError.class, () -> Durations.parse("windowSize", text));
  }
}
