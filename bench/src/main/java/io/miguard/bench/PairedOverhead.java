package io.miguard.bench;

import java.util.Locale;

/**
 * What miguard adds to a build, paired by round: each round's miguard build over the Error Prone
 * build of the same round, then the median of those ratios. The two builds of one round ran seconds
 * apart, so a slow spell of the machine lands on both, where a ratio of two medians would compare
 * builds from different spells.
 */
final class PairedOverhead {
  private final Samples ratios = new Samples();

  /** One round: the miguard build's figure and the Error Prone build's (wall or CPU time). */
  void add(double miguard, double errorProne) {
    ratios.add(miguard / errorProne);
  }

  boolean isEmpty() {
    return ratios.isEmpty();
  }

  /** The median paired overhead, in percent. */
  double percent() {
    return (ratios.median() - 1) * 100;
  }

  /** The median and the range of the rounds, e.g. {@code +1.2% (-0.8–+2.5)}. */
  String text() {
    return String.format(
        Locale.ROOT,
        "%+.1f%% (%+.1f–%+.1f)",
        percent(),
        (ratios.min() - 1) * 100,
        (ratios.max() - 1) * 100);
  }
}
