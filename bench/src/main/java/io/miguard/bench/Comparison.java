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
 */
final class Comparison {
  /** The columns {@link #cells} fills, after a table's own. */
  static final List<String> COLUMNS =
      List.of(
          "javac",
          "javac + EP",
          "javac + EP + miguard",
          "EP / javac",
          "miguard overhead (wall)",
          "inside miguard",
          "inside miguard / EP build");

  private final Map<Configuration, Samples> wall = new EnumMap<>(Configuration.class);
  private final Samples insideMiguard = new Samples();
  private final List<String> findings = new ArrayList<>();

  private Comparison() {
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
      for (int i = 0; i < configurations.length; i++) {
        Configuration configuration = configurations[(round + i) % configurations.length];
        CompileResult result = workers.compile(configuration, sources, classPath);
        if (round < warmups) {
          continue;
        }
        comparison.wall.get(configuration).add(result.wallNanos() / 1e9);
        if (configuration.loadsMiguard()) {
          comparison.insideMiguard.add(result.miguardNanos() / 1e9);
          if (round == warmups) {
            comparison.findings.addAll(result.findings());
          }
        }
      }
    }
    return comparison;
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

  /** The wall-clock overhead of adding miguard to an Error Prone build, e.g. {@code +1.2%}. */
  String miguardOverhead() {
    double overhead =
        wall(Configuration.ERROR_PRONE_MIGUARD).median() / wall(Configuration.ERROR_PRONE).median()
            - 1;
    return String.format(Locale.ROOT, "%+.1f%%", overhead * 100);
  }

  /** Time inside the miguard checks as a share of the Error Prone build without them. */
  String insideMiguardShare() {
    return String.format(
        Locale.ROOT,
        "%.2f%%",
        insideMiguard.median() / wall(Configuration.ERROR_PRONE).median() * 100);
  }
}
