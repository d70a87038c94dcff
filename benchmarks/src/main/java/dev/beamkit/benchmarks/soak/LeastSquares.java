package dev.beamkit.benchmarks.soak;

import java.util.List;

/** The least-squares line through points: its slope is how fast the heap grows in a soak. */
public final class LeastSquares {
  private LeastSquares() {}

  /** One point. */
  public record Point(double x, double y) {}

  /**
   * The slope (dy/dx) of the least-squares line through {@code points}.
   *
   * @throws IllegalArgumentException for fewer than two points or all at the same x
   */
  public static double slope(List<Point> points) {
    if (points.size() < 2) {
      throw new IllegalArgumentException("a slope needs at least two points, got " + points.size());
    }
    double meanX = points.stream().mapToDouble(Point::x).average().orElseThrow();
    double meanY = points.stream().mapToDouble(Point::y).average().orElseThrow();
    double covariance = 0;
    double varianceX = 0;
    for (Point p : points) {
      covariance += (p.x() - meanX) * (p.y() - meanY);
      varianceX += (p.x() - meanX) * (p.x() - meanX);
    }
    if (varianceX == 0) {
      throw new IllegalArgumentException("a slope needs points at two different x at least");
    }
    return covariance / varianceX;
  }
}
