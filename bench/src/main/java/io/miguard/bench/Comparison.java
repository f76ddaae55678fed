package io.miguard.bench;

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
 * <p>miguard's overhead, by wall clock and by the worker processes' CPU time, is a {@link
 * PairedOverhead}: per round, then the median.
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
          "miguard overhead (CPU, paired)",
          "inside miguard",
          "inside miguard / EP build");

  private final Map<Configuration, Samples> wall = new EnumMap<>(Configuration.class);
  private final Samples insideMiguard = new Samples();
  private final PairedOverhead pairedWall = new PairedOverhead();
  private final PairedOverhead pairedCpu = new PairedOverhead();
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
    CompileResult miguard = round.get(Configuration.ERROR_PRONE_MIGUARD);
    insideMiguard.add(miguard.miguardNanos() / 1e9);
    if (measuredRounds++ == 0) {
      findings.addAll(miguard.findings());
    }
    CompileResult errorProne = round.get(Configuration.ERROR_PRONE);
    pairedWall.add(miguard.wallNanos(), errorProne.wallNanos());
    if (miguard.cpuNanos() > 0 && errorProne.cpuNanos() > 0) {
      pairedCpu.add(miguard.cpuNanos(), errorProne.cpuNanos());
    }
  }

  /** The figures under {@link #COLUMNS}. */
  List<Object> cells() {
    return List.of(
        wall(Configuration.JAVAC).seconds(),
        wall(Configuration.ERROR_PRONE).seconds(),
        wall(Configuration.ERROR_PRONE_MIGUARD).seconds(),
        ratio(Configuration.ERROR_PRONE, Configuration.JAVAC),
        miguardOverhead(),
        pairedCpu.isEmpty() ? "?" : pairedCpu.text(),
        insideMiguard().milliseconds(),
        insideMiguardShare());
  }

  Samples wall(Configuration configuration) {
    return wall.get(configuration);
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

  /** The wall-clock overhead of adding miguard to an Error Prone build, paired by round. */
  String miguardOverhead() {
    return pairedWall.text();
  }

  /** The median paired wall-clock overhead, in percent. */
  double overheadPercent() {
    return pairedWall.percent();
  }

  /** Time inside the miguard checks as a share of the Error Prone build without them. */
  String insideMiguardShare() {
    return String.format(Locale.ROOT, "%.2f%%", insideMiguardPercent());
  }

  /** The median time inside the miguard checks over the median Error Prone build, in percent. */
  double insideMiguardPercent() {
    return insideMiguard.median() / wall(Configuration.ERROR_PRONE).median() * 100;
  }
}
