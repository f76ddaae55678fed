package io.miguard.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Repeated measurements of one quantity: median and range, nothing cleverer. */
final class Samples {
  private final List<Double> values = new ArrayList<>();

  void add(double value) {
    values.add(value);
  }

  boolean isEmpty() {
    return values.isEmpty();
  }

  double median() {
    List<Double> sorted = sorted();
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1
        ? sorted.get(middle)
        : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
  }

  double min() {
    return sorted().get(0);
  }

  double max() {
    return sorted().get(values.size() - 1);
  }

  /** Median and range, e.g. {@code 4.21 s (4.15–4.40)}; values are seconds. */
  String seconds() {
    return String.format(Locale.ROOT, "%.2f s (%.2f–%.2f)", median(), min(), max());
  }

  /** Median and range in milliseconds; values are seconds. */
  String milliseconds() {
    return String.format(
        Locale.ROOT, "%.0f ms (%.0f–%.0f)", median() * 1e3, min() * 1e3, max() * 1e3);
  }

  private List<Double> sorted() {
    if (values.isEmpty()) {
      throw new IllegalStateException("no measurements");
    }
    List<Double> sorted = new ArrayList<>(values);
    sorted.sort(null);
    return sorted;
  }
}
