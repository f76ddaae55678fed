package io.miguard.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Table 2: generated code that uses the binding everywhere ({@link MiHeavyGenerator}) at 1x, 2x, 4x
 * and 8x. The findings of every run must be exactly the generator's planted mistakes: the benchmark
 * measures checks that did their whole job.
 */
final class MiHeavySuite {
  static final int CLASSES_PER_STEP = 20;
  private static final int[] SIZES = {1, 2, 4, 8};

  private MiHeavySuite() {}

  static SuiteReport run(Workers workers, BenchConfig config) throws IOException {
    List<Comparison> rows = new ArrayList<>();
    List<String> sizes = new ArrayList<>();
    Table table = new Table(List.of("size", "classes", "lines", "findings"), Comparison.COLUMNS);
    warmUp(workers);
    for (int size : SIZES) {
      Path root = Files.createTempDirectory("miguard-bench-mi");
      try {
        GeneratedSources generated = MiHeavyGenerator.generate(root, CLASSES_PER_STEP * size);
        Comparison comparison =
            Comparison.run(
                workers,
                generated.files(),
                bindingClassPath(),
                config.warmups(),
                config.iterations());
        requireSame(
            enabledOnly(generated.expectedFindings(), config.miguardFlags()),
            comparison.findings());
        rows.add(comparison);
        sizes.add(size + "x");
        table.row(
            List.of(
                size + "x",
                generated.files().size(),
                RealTreeSuite.lines(generated.files()),
                comparison.findings().size()),
            comparison.cells());
      } finally {
        Workers.deleteRecursively(root);
      }
    }
    List<Verdict> verdicts = Targets.warmMiHeavy(sizes, rows);
    StringBuilder text = new StringBuilder(table.render()).append('\n');
    verdicts.forEach(verdict -> text.append(verdict.line()).append('\n'));
    return new SuiteReport(text.toString(), verdicts);
  }

  /** Unmeasured rounds over the 2x code before the table's first row. */
  private static final int WARM_UP_ROUNDS = 3;

  /**
   * Runs the three workers over MI-heavy code before anything is measured: the real trees never
   * reach miguard's analysis (their bodies take the fast path), so without this the first rows
   * would time its code while the JIT is still compiling it, not as a build that has compiled such
   * code before runs it.
   */
  private static void warmUp(Workers workers) throws IOException {
    Path root = Files.createTempDirectory("miguard-bench-mi-warm-up");
    try {
      GeneratedSources generated = MiHeavyGenerator.generate(root, CLASSES_PER_STEP * 2);
      Comparison.run(workers, generated.files(), bindingClassPath(), WARM_UP_ROUNDS, 0);
    } finally {
      Workers.deleteRecursively(root);
    }
  }

  /** The binding and its annotations: what generated code compiles against. */
  static List<String> bindingClassPath() {
    try {
      return List.of(
          WorkerProcess.locationOf(Class.forName("io.miguard.mi.MiOperation")),
          WorkerProcess.locationOf(Class.forName("io.miguard.annotations.OperationHandle")));
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("the binding is not on the class path", e);
    }
  }

  /**
   * The expected findings ({@code CheckName:File.java:line}) of the checks {@code miguardFlags}
   * does not turn off ({@code -Xep:CheckName:OFF}), so that a run that measures a subset of the
   * checks still compares findings.
   */
  static List<String> enabledOnly(List<String> expected, String miguardFlags) {
    List<String> off = new ArrayList<>();
    for (String flag : miguardFlags.trim().split("\\s+")) {
      if (flag.startsWith("-Xep:") && flag.endsWith(":OFF")) {
        off.add(flag.substring("-Xep:".length(), flag.length() - ":OFF".length()));
      }
    }
    return expected.stream()
        .filter(finding -> !off.contains(finding.substring(0, finding.indexOf(':'))))
        .toList();
  }

  static void requireSame(List<String> expected, List<String> actual) {
    List<String> wanted = new ArrayList<>(expected);
    List<String> got = new ArrayList<>(actual);
    wanted.sort(null);
    got.sort(null);
    if (!wanted.equals(got)) {
      throw new IllegalStateException(
          "the miguard findings differ from the generator's mistakes; expected "
              + wanted
              + " but got "
              + got);
    }
  }
}
