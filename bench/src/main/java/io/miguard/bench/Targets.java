package io.miguard.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The performance targets (issue 14, README "Performance") and their verdicts: each target is
 * judged on its worst row, and the verdict shows every row, so a reader sees how far from the line
 * each size is.
 */
final class Targets {
  /** MI-heavy code in a warm compiler: inside the checks and paired wall clock, every size. */
  static final double WARM_MI_HEAVY_PERCENT = 5;

  /** MI-heavy code in a fresh javac process per compile: paired wall clock, every size. */
  static final double COLD_MI_HEAVY_PERCENT = 10;

  /** Method size: time per statement at the largest size over that at the reference size. */
  static final double METHOD_SIZE_RATIO = 1.3;

  static final int METHOD_SIZE_REFERENCE = 100;
  static final int METHOD_SIZE_LARGEST = 2000;

  /** Code without MI: time inside the checks as a share of the Error Prone build. */
  static final double NO_MI_INSIDE_PERCENT = 0.5;

  private Targets() {}

  /** Both measures of the warm MI-heavy table, judged at every size. */
  static List<Verdict> warmMiHeavy(List<String> sizes, List<Comparison> rows) {
    return List.of(
        atMost(
            "MI-heavy, warm: inside the checks",
            WARM_MI_HEAVY_PERCENT,
            sizes,
            rows.stream().map(Comparison::insideMiguardPercent).toList()),
        atMost(
            "MI-heavy, warm: paired wall clock",
            WARM_MI_HEAVY_PERCENT,
            sizes,
            rows.stream().map(Comparison::overheadPercent).toList()));
  }

  /** The cold-process table's paired wall clock, judged at every size. */
  static Verdict coldMiHeavy(List<String> sizes, List<Double> pairedWallPercents) {
    return atMost(
        "MI-heavy, fresh javac process: paired wall clock",
        COLD_MI_HEAVY_PERCENT,
        sizes,
        pairedWallPercents);
  }

  /** Code without MI: the time inside the checks, judged on every tree. */
  static Verdict noMi(List<String> trees, List<Comparison> rows) {
    return atMost(
        "no MI: inside the checks",
        NO_MI_INSIDE_PERCENT,
        trees,
        rows.stream().map(Comparison::insideMiguardPercent).toList());
  }

  /** Method size: µs per statement at the largest size over that at the reference size. */
  static Verdict methodSize(double microsAtReference, double microsAtLargest) {
    double ratio = microsAtLargest / microsAtReference;
    return new Verdict(
        String.format(
            Locale.ROOT,
            "method size: time per statement at %d statements within %.1fx of that at %d",
            METHOD_SIZE_LARGEST,
            METHOD_SIZE_RATIO,
            METHOD_SIZE_REFERENCE),
        String.format(
            Locale.ROOT, "%.2fx (%.2f µs over %.2f µs)", ratio, microsAtLargest, microsAtReference),
        ratio <= METHOD_SIZE_RATIO);
  }

  /**
   * A percentage that must stay at most {@code limit} in every row: judged on the worst, every row
   * shown.
   */
  static Verdict atMost(String what, double limit, List<String> rows, List<Double> percents) {
    if (rows.size() != percents.size() || rows.isEmpty()) {
      throw new IllegalArgumentException("one figure per row, at least one row");
    }
    int worst = 0;
    List<String> each = new ArrayList<>();
    for (int i = 0; i < rows.size(); i++) {
      if (percents.get(i) > percents.get(worst)) {
        worst = i;
      }
      each.add(String.format(Locale.ROOT, "%s %+.2f%%", rows.get(i), percents.get(i)));
    }
    return new Verdict(
        String.format(Locale.ROOT, "%s at most +%s%%", what, plain(limit)),
        String.format(
            Locale.ROOT,
            "worst %+.2f%% (%s); %s",
            percents.get(worst),
            rows.get(worst),
            String.join(", ", each)),
        percents.get(worst) <= limit);
  }

  /** The verdicts as the report's closing section. */
  static String summary(List<Verdict> verdicts) {
    StringBuilder text = new StringBuilder();
    long missed = verdicts.stream().filter(verdict -> !verdict.holds()).count();
    text.append(
        String.format(
            Locale.ROOT,
            "%d of %d targets hold%s%n",
            verdicts.size() - missed,
            verdicts.size(),
            missed == 0 ? "" : " (" + missed + " MISSED)"));
    verdicts.forEach(verdict -> text.append(verdict.line()).append('\n'));
    return text.toString();
  }

  private static String plain(double number) {
    return number == Math.rint(number)
        ? Long.toString((long) number)
        : String.format(Locale.ROOT, "%s", number);
  }
}
