package io.miguard.bench;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The same sources compiled the three ways, alternating: each round runs every configuration once,
 * in an order rotated by the round, so that no configuration always follows the same neighbour; the
 * first rounds only warm the workers up.
 *
 * <p>miguard's wall-clock overhead is taken per round (the miguard build over the Error Prone build
 * of the same round) and then the median of those ratios: the two builds of one round ran seconds
 * apart, so a slow spell of the machine lands on both, where a ratio of two medians would compare
 * builds from different spells.
 */
final class Comparison {
  /** The columns {@link #cells} fills, after a table's own. */
  static final List<String> COLUMNS =
      List.of(
          "javac",
          "javac + EP",
          "javac + EP + miguard",
          "EP / javac",
          "miguard overhead (wall, paired)",
          "inside miguard",
          "inside miguard / EP build");

  private final Map<Configuration, Samples> wall = new EnumMap<>(Configuration.class);
  private final Samples insideMiguard = new Samples();
  private final Samples pairedOverhead = new Samples();
  private final List<String> findings = new ArrayList<>();

  private int measuredRounds;

  Comparison() {
    for (Configuration configuration : Configuration.values()) {
      wall.put(configuration, new Samples());
    }
  }

  static Comparison run(
      Workers workers, List<Path> sources, List<String> classPath, int warmups, int iterations)
      throws IOException {
    Comparison comparison = new Comparison();
    Configuration[] configurations = Configuration.values();
    for (int round = 0; round < warmups + iterations; round++) {
      Map<Configuration, CompileResult> results = new EnumMap<>(Configuration.class);
      for (int i = 0; i < configurations.length; i++) {
        Configuration configuration = configurations[(round + i) % configurations.length];
        results.put(configuration, workers.compile(configuration, sources, classPath));
      }
      if (round >= warmups) {
        comparison.addRound(results);
      }
    }
    return comparison;
  }

  /**
   * Records one measured round: a compilation of each configuration. The findings are those of the
   * first round's miguard build.
   */
  void addRound(Map<Configuration, CompileResult> round) {
    round.forEach((configuration, result) -> wall(configuration).add(result.wallNanos() / 1e9));
    CompileResult miguard = requireNonNull(round.get(Configuration.ERROR_PRONE_MIGUARD));
    insideMiguard.add(miguard.miguardNanos() / 1e9);
    if (measuredRounds++ == 0) {
      findings.addAll(miguard.findings());
    }
    pairedOverhead.add(
        (double) miguard.wallNanos()
            / requireNonNull(round.get(Configuration.ERROR_PRONE)).wallNanos());
  }

  /** The figures under {@link #COLUMNS}. */
  List<Object> cells() {
    return List.of(
        wall(Configuration.JAVAC).seconds(),
        wall(Configuration.ERROR_PRONE).seconds(),
        wall(Configuration.ERROR_PRONE_MIGUARD).seconds(),
        ratio(Configuration.ERROR_PRONE, Configuration.JAVAC),
        miguardOverhead(),
        insideMiguard().milliseconds(),
        insideMiguardShare());
  }

  Samples wall(Configuration configuration) {
    return requireNonNull(wall.get(configuration), configuration::toString);
  }

  Samples insideMiguard() {
    return insideMiguard;
  }

  /** The miguard findings of one measured compilation. */
  List<String> findings() {
    return findings;
  }

  /** Median of {@code numerator} over median of {@code denominator}, e.g. {@code 2.31x}. */
  String ratio(Configuration numerator, Configuration denominator) {
    return String.format(
        Locale.ROOT, "%.2fx", wall(numerator).median() / wall(denominator).median());
  }

  /**
   * The wall-clock overhead of adding miguard to an Error Prone build: the median of the rounds'
   * ratios, and their range, e.g. {@code +1.2% (-0.8–+2.5)}.
   */
  String miguardOverhead() {
    return String.format(
        Locale.ROOT,
        "%+.1f%% (%+.1f–%+.1f)",
        overheadPercent(),
        (pairedOverhead.min() - 1) * 100,
        (pairedOverhead.max() - 1) * 100);
  }

  /** The median paired wall-clock overhead, in percent. */
  double overheadPercent() {
    return (pairedOverhead.median() - 1) * 100;
  }

  /** Time inside the miguard checks as a share of the Error Prone build without them. */
  String insideMiguardShare() {
    return String.format(Locale.ROOT, "%.2f%%", insideMiguardPercent());
  }

  /** The median time inside the miguard checks over the median Error Prone build, in percent. */
  double insideMiguardPercent() {
    return insideMiguard.median() / wall(Configuration.ERROR_PRONE).median() * 100;
  }

  /**
   * Whether a table's rows meet an overhead target, by both measures: the paired wall-clock
   * overhead (what a build feels, noise included) and the time inside the checks (what miguard
   * itself costs, without the noise but also without Error Prone's per-matcher work and garbage
   * collection on miguard's behalf).
   */
  static String verdict(List<Comparison> rows, double targetPercent) {
    double worstWall = rows.stream().mapToDouble(Comparison::overheadPercent).max().orElseThrow();
    double worstInside =
        rows.stream().mapToDouble(Comparison::insideMiguardPercent).max().orElseThrow();
    return String.format(
        Locale.ROOT,
        "target: miguard adds at most +%.0f%%. Worst row: wall %+.1f%% (%s), inside miguard %.2f%%"
            + " (%s)%n",
        targetPercent,
        worstWall,
        worstWall <= targetPercent ? "holds" : "MISSED",
        worstInside,
        worstInside <= targetPercent ? "holds" : "MISSED");
  }
}
