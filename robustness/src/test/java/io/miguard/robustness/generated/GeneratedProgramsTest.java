package io.miguard.robustness.generated;

import static com.google.common.truth.Truth.assertWithMessage;
import static java.nio.charset.StandardCharsets.UTF_8;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Seeded random programs over the binding, compiled with the real plugin ({@code
 * -Xplugin:ErrorProne}, the miguard checks at ERROR (the construct soup also the four protocol
 * checks), {@code -XepOpt:Miguard:FailFast=true}).
 *
 * <p>Two generators: {@linkplain GroundTruthPrograms ground-truth programs}, whose findings the
 * generator computes by following every path of its own statement language, and {@linkplain
 * ConstructSoup construct soup}, which uses the binding inside every construct of the language (and
 * pattern switches and record patterns on JDK 21+). For both, every program must compile with no
 * crash and no error, and every finding must be on a close (or try-with-resources declaration of an
 * operation) of the method it is in; for ground-truth methods whose truth is exact, the findings
 * must equal it. Every other batch of the soup runs MiCloseBeforeDrain with {@code
 * ExceptionalPaths=true}, so that the unwinding paths are followed too.
 *
 * <p>System properties: {@code miguard.generated.programs} (programs of each generator, default
 * {@value #DEFAULT_PROGRAMS}), {@code miguard.generated.seed} (base seed, default {@value
 * #DEFAULT_SEED}), {@code miguard.generated.batch} (programs per javac run, default {@value
 * #DEFAULT_BATCH}), {@code miguard.generated.extended} (the issue-12 statements of the ground-truth
 * language to generate beyond the defaults: {@link StatementGenerator#EXTENDED_PROPERTY}). For a
 * larger set on demand: {@code mvn -B -o -pl robustness test -Dtest=GeneratedProgramsTest
 * -Dmiguard.generated.programs=20000}. A failing program is written to {@code
 * target/generated-failures/} with its seed; the same base seed and count regenerate it.
 */
class GeneratedProgramsTest {
  static final int DEFAULT_PROGRAMS = 1000;
  static final long DEFAULT_SEED = 20261201L;
  static final int DEFAULT_BATCH = 100;
  private static final int LISTED = 10;

  private final int programs = Integer.getInteger("miguard.generated.programs", DEFAULT_PROGRAMS);
  private final long baseSeed = Long.getLong("miguard.generated.seed", DEFAULT_SEED);
  private final int batch = Integer.getInteger("miguard.generated.batch", DEFAULT_BATCH);

  @Test
  @Timeout(value = 30, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void groundTruthProgramsReportExactlyTheirTruth() throws IOException {
    Run run = run("ground-truth", 1, false, false, GroundTruthPrograms::generate);
    assertWithMessage("ground-truth methods with exact truth")
        .that(run.exactUnits)
        .isGreaterThan(0);
    // The checks demonstrably ran: the truth of a generated set has findings of both checks.
    assertWithMessage("expected findings of the ground truth")
        .that(run.expectedChecks)
        .containsExactly("MiCloseBeforeDrain", "MiCloseInDifferentContext");
    run.assertNoFailures();
  }

  @Test
  @Timeout(value = 30, unit = TimeUnit.MINUTES, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
  void constructSoupCompilesAndReportsOnlyOnCloses() throws IOException {
    Run run = run("construct soup", 2, true, true, ConstructSoup::generate);
    assertWithMessage("findings in the construct soup (the checks ran)")
        .that(run.findings)
        .isGreaterThan(0);
    assertWithMessage("checks that reported in the construct soup")
        .that(run.reportedChecks)
        .containsAtLeastElementsIn(ProgramCompilation.PROTOCOL_CHECKS);
    run.assertNoFailures();
  }

  /**
   * Generates and compiles the programs of one generator, batch by batch; with {@code
   * alternateExceptionalPaths}, every other batch runs MiCloseBeforeDrain with {@code
   * ExceptionalPaths=true} (the truth of the ground-truth programs assumes the default).
   */
  private Run run(
      String mode,
      int salt,
      boolean alternateExceptionalPaths,
      boolean protocolChecks,
      BiFunction<String, Long, GeneratedProgram> generator)
      throws IOException {
    Run run = new Run(mode);
    long start = System.nanoTime();
    for (int from = 0; from < programs; from += batch) {
      List<GeneratedProgram> programsOfBatch = new ArrayList<>();
      for (int i = from; i < Math.min(programs, from + batch); i++) {
        long seed = baseSeed * 1_000_003L + salt * 100_000_000L + i;
        programsOfBatch.add(generator.apply("Gen" + i, seed));
      }
      boolean exceptionalPaths = alternateExceptionalPaths && (from / batch) % 2 == 1;
      Map<GeneratedProgram, ProgramCompilation.Result> results =
          ProgramCompilation.compile(programsOfBatch, exceptionalPaths, protocolChecks);
      programsOfBatch.forEach(program -> run.judge(program, results.get(program)));
    }
    System.out.printf(
        Locale.ROOT,
        "generated %s (seed %d, release %d%s): %d programs, %d methods (%d with exact truth),"
            + " %d lines, %d findings in %.1f s; disagreements: missed %s, not in the truth %s%n",
        mode,
        baseSeed,
        ProgramCompilation.release(),
        System.getProperty(StatementGenerator.EXTENDED_PROPERTY, "").isEmpty()
            ? ""
            : ", extended " + System.getProperty(StatementGenerator.EXTENDED_PROPERTY),
        run.programs,
        run.units,
        run.exactUnits,
        run.lines,
        run.findings,
        (System.nanoTime() - start) / 1e9,
        run.misses,
        run.falseAlarms);
    return run;
  }

  /** The counts and failures of one generator's programs. */
  private final class Run {
    final String mode;
    int programs;
    int units;
    int exactUnits;
    long lines;
    int findings;
    final TreeSet<String> expectedChecks = new TreeSet<>();
    final Map<String, Integer> misses = new java.util.TreeMap<>();
    final Map<String, Integer> falseAlarms = new java.util.TreeMap<>();
    final TreeSet<String> reportedChecks = new TreeSet<>();
    final List<String> failures = new ArrayList<>();

    Run(String mode) {
      this.mode = mode;
    }

    void judge(GeneratedProgram program, ProgramCompilation.Result result) {
      programs++;
      units += program.units().size();
      lines += program.lineCount();
      findings += result.findings().size();
      List<String> problems = new ArrayList<>();
      result.crashes().forEach(crash -> problems.add("crash: " + crash));
      result.errors().forEach(error -> problems.add("error: " + error));
      String[] lines = program.source().split("\n", -1);
      for (ProgramCompilation.Finding finding : result.findings()) {
        reportedChecks.add(finding.check());
        GeneratedProgram.Unit unit =
            program.units().stream()
                .filter(u -> u.contains(finding.line()))
                .findFirst()
                .orElse(null);
        if (unit == null) {
          problems.add("finding outside every generated method: " + finding.message());
        } else if (ProgramCompilation.PROTOCOL_CHECKS.contains(finding.check())) {
          String line = finding.line() <= lines.length ? lines[(int) finding.line() - 1] : "";
          if (!ConstructSoup.mayReport(finding.check(), line)) {
            problems.add(
                "finding off the lines " + finding.check() + " may report: " + finding.message());
          }
        } else if (!unit.closeLines().contains((int) finding.line())) {
          problems.add("finding off the closes of " + unit.name() + ": " + finding.message());
        }
      }
      for (GeneratedProgram.Unit unit : program.units()) {
        if (!unit.truthKnown()) {
          continue;
        }
        exactUnits++;
        unit.expected().forEach(key -> expectedChecks.add(key.substring(0, key.indexOf(' '))));
        TreeSet<String> reported = new TreeSet<>();
        result.findings().stream()
            .filter(finding -> unit.contains(finding.line()))
            .forEach(
                finding ->
                    reported.add(
                        GeneratedProgram.key(finding.check(), program.fileName(), finding.line())));
        if (!reported.equals(new TreeSet<>(unit.expected()))) {
          TreeSet<String> missing = new TreeSet<>(unit.expected());
          missing.removeAll(reported);
          TreeSet<String> extra = new TreeSet<>(reported);
          extra.removeAll(unit.expected());
          problems.add(unit.name() + ": missing " + missing + ", not in the truth " + extra);
          missing.forEach(key -> misses.merge(key.substring(0, key.indexOf(' ')), 1, Integer::sum));
          extra.forEach(
              key -> falseAlarms.merge(key.substring(0, key.indexOf(' ')), 1, Integer::sum));
          result.findings().stream()
              .filter(finding -> unit.contains(finding.line()))
              .forEach(finding -> problems.add("  reported: " + finding.message()));
        }
      }
      if (!problems.isEmpty()) {
        failures.add(describe(program, problems));
      }
    }

    private String describe(GeneratedProgram program, List<String> problems) {
      Path file =
          Path.of("target", "generated-failures", mode.replace(' ', '-'), program.fileName());
      try {
        Files.createDirectories(file.getParent());
        Files.writeString(file, program.source() + "// seed " + program.seed() + "\n", UTF_8);
      } catch (IOException e) {
        throw new IllegalStateException(e);
      }
      String text =
          mode
              + " "
              + program.className()
              + " (seed "
              + program.seed()
              + ", written to "
              + file.toAbsolutePath()
              + "):\n  "
              + String.join("\n  ", problems);
      return failures.size() < 2 ? text + "\n" + numbered(program.source()) : text;
    }

    void assertNoFailures() {
      assertWithMessage(
              "%s programs failing of %s (base seed %s; -Dmiguard.generated.seed=%s"
                  + " -Dmiguard.generated.programs=%s regenerates them):\n%s",
              failures.size(),
              programs,
              baseSeed,
              baseSeed,
              GeneratedProgramsTest.this.programs,
              String.join("\n\n", failures.subList(0, Math.min(LISTED, failures.size()))))
          .that(failures)
          .isEmpty();
    }
  }

  private static String numbered(String source) {
    StringBuilder out = new StringBuilder();
    String[] lines = source.split("\n", -1);
    for (int i = 0; i < lines.length; i++) {
      out.append(String.format(Locale.ROOT, "%4d  %s%n", i + 1, lines[i]));
    }
    return out.toString();
  }
}
