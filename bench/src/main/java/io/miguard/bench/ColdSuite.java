package io.miguard.bench;

import io.miguard.bench.Workers.ColdCompile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Table 3: MI-heavy code compiled in a fresh JVM per compilation, Error Prone alone against Error
 * Prone with miguard, what a CI build's first module pays: the JVM starts, Error Prone's and
 * miguard's classes are loaded and their code runs interpreted until the JIT compiles it. Each
 * round runs both in a rotated order; the overhead is paired by round, by wall clock (JVM start to
 * exit) and by the process's CPU time (every thread, JIT compilers included).
 */
final class ColdSuite {
  private static final int[] SIZES = {1, 2};

  static final List<String> COLUMNS =
      List.of(
          "javac + EP",
          "javac + EP + miguard",
          "miguard overhead (wall, paired)",
          "CPU, javac + EP",
          "CPU, javac + EP + miguard",
          "miguard overhead (CPU, paired)");

  private ColdSuite() {}

  static SuiteReport run(Workers workers, BenchConfig config) throws IOException {
    Table table = new Table(List.of("size", "classes", "lines", "findings"), COLUMNS);
    List<String> sizes = new ArrayList<>();
    List<Double> overheads = new ArrayList<>();
    for (int size : SIZES) {
      Path root = Files.createTempDirectory("miguard-bench-cold");
      try {
        GeneratedSources generated =
            MiHeavyGenerator.generate(root, MiHeavySuite.CLASSES_PER_STEP * size);
        Row row = new Row();
        for (int round = 0; round < config.warmups() + config.iterations(); round++) {
          ColdCompile errorProne = null;
          ColdCompile miguard = null;
          for (int i = 0; i < 2; i++) {
            if ((round + i) % 2 == 0) {
              errorProne = compile(workers, Configuration.ERROR_PRONE, generated);
            } else {
              miguard = compile(workers, Configuration.ERROR_PRONE_MIGUARD, generated);
              MiHeavySuite.requireSame(generated.expectedFindings(), miguard.result().findings());
            }
          }
          if (round >= config.warmups()) {
            row.addRound(errorProne, miguard);
          }
        }
        sizes.add(size + "x");
        overheads.add(row.wallOverhead.percent());
        table.row(
            List.of(
                size + "x",
                generated.files().size(),
                RealTreeSuite.lines(generated.files()),
                generated.expectedFindings().size()),
            row.cells());
      } finally {
        Workers.deleteRecursively(root);
      }
    }
    Verdict verdict = Targets.coldMiHeavy(sizes, overheads);
    return new SuiteReport(table.render() + "\n" + verdict.line() + "\n", List.of(verdict));
  }

  private static ColdCompile compile(
      Workers workers, Configuration configuration, GeneratedSources generated) throws IOException {
    return workers.compileInFreshProcess(
        configuration, generated.files(), MiHeavySuite.bindingClassPath());
  }

  /** One size's measured rounds. */
  static final class Row {
    private final Samples errorProneWall = new Samples();
    private final Samples miguardWall = new Samples();
    private final Samples errorProneCpu = new Samples();
    private final Samples miguardCpu = new Samples();
    final PairedOverhead wallOverhead = new PairedOverhead();
    final PairedOverhead cpuOverhead = new PairedOverhead();

    void addRound(ColdCompile errorProne, ColdCompile miguard) {
      errorProneWall.add(errorProne.processWallNanos() / 1e9);
      miguardWall.add(miguard.processWallNanos() / 1e9);
      wallOverhead.add(miguard.processWallNanos(), errorProne.processWallNanos());
      long errorProneCpuNanos = errorProne.result().processCpuNanos();
      long miguardCpuNanos = miguard.result().processCpuNanos();
      if (errorProneCpuNanos > 0 && miguardCpuNanos > 0) {
        errorProneCpu.add(errorProneCpuNanos / 1e9);
        miguardCpu.add(miguardCpuNanos / 1e9);
        cpuOverhead.add(miguardCpuNanos, errorProneCpuNanos);
      }
    }

    /** The figures under {@link #COLUMNS}. */
    List<Object> cells() {
      boolean cpu = !cpuOverhead.isEmpty();
      return List.of(
          errorProneWall.seconds(),
          miguardWall.seconds(),
          wallOverhead.text(),
          cpu ? errorProneCpu.seconds() : "?",
          cpu ? miguardCpu.seconds() : "?",
          cpu ? cpuOverhead.text() : "?");
    }
  }
}
