package dev.beamkit.benchmarks.soak;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

class LeastSquaresTest {
  private static LeastSquares.Point p(double x, double y) {
    return new LeastSquares.Point(x, y);
  }

  @Test
  void slopeOfPointsOnALineIsTheLinesSlope() {
    assertEquals(2.5, LeastSquares.slope(List.of(p(1, 10), p(2, 12.5), p(3, 15), p(4, 17.5))), 1e-12);
  }

  @Test
  void flatButNoisyPointsHaveASlopeOfZero() {
    // Symmetric noise around 60 MB: what a flat heap looks like.
    assertEquals(0.0, LeastSquares.slope(List.of(p(1, 61), p(2, 59), p(3, 59), p(4, 61))), 1e-12);
  }

  @Test
  void slopeIsTheLeastSquaresFitNotTheEndpoints() {
    // Endpoints give (4-0)/3 = 1.33; the fit through (1,0) (2,2) (3,1) (4,4) is 1.1.
    assertEquals(1.1, LeastSquares.slope(List.of(p(1, 0), p(2, 2), p(3, 1), p(4, 4))), 1e-12);
  }

  @Test
  void needsTwoDistinctXs() {
    assertThrows(IllegalArgumentException.class, () -> LeastSquares.slope(List.of(p(1, 1))));
    assertThrows(IllegalArgumentException.class, () -> LeastSquares.slope(List.of(p(1, 1), p(1, 2))));
  }
}
