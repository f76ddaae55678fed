package io.miguard.robustness.generated;

import static com.google.common.truth.Truth.assertWithMessage;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/**
 * Seeded programs of the protocol-truth language ({@link ProtocolTruthPrograms}) compiled with the
 * real plugin and every check on: the findings of the four protocol checks in each method must be
 * exactly the truth the generator computed by following every path. System properties: {@code
 * miguard.protocol.programs} (default {@value #DEFAULT_PROGRAMS}), {@code miguard.generated.seed}.
 */
class ProtocolTruthProgramsTest {
  static final int DEFAULT_PROGRAMS = 300;
  private static final int BATCH = 100;

  @Test
  void protocolChecksReportExactlyTheTruth() throws IOException {
    int programs = Integer.getInteger("miguard.protocol.programs", DEFAULT_PROGRAMS);
    long baseSeed = Long.getLong("miguard.generated.seed", GeneratedProgramsTest.DEFAULT_SEED);
    List<String> failures = new ArrayList<>();
    TreeSet<String> expectedChecks = new TreeSet<>();
    for (int from = 0; from < programs; from += BATCH) {
      List<GeneratedProgram> batch = new ArrayList<>();
      for (int i = from; i < Math.min(programs, from + BATCH); i++) {
        batch.add(ProtocolTruthPrograms.generate("Proto" + i, baseSeed * 31 + 7_000_000L + i));
      }
      Map<GeneratedProgram, ProgramCompilation.Result> results =
          ProgramCompilation.compile(batch, false, true);
      for (GeneratedProgram program : batch) {
        ProgramCompilation.Result result = results.get(program);
        if (!result.crashes().isEmpty() || !result.errors().isEmpty()) {
          failures.add(program.className() + ": " + result.crashes() + result.errors());
          continue;
        }
        for (GeneratedProgram.Unit unit : program.units()) {
          unit.expected().forEach(key -> expectedChecks.add(key.substring(0, key.indexOf(' '))));
          TreeSet<String> reported = new TreeSet<>();
          result.findings().stream()
              .filter(finding -> ProgramCompilation.PROTOCOL_CHECKS.contains(finding.check()))
              .filter(finding -> unit.contains(finding.line()))
              .forEach(
                  finding ->
                      reported.add(
                          GeneratedProgram.key(
                              finding.check(), program.fileName(), finding.line())));
          if (!reported.equals(new TreeSet<>(unit.expected()))) {
            failures.add(
                program.className()
                    + "."
                    + unit.name()
                    + " (seed "
                    + program.seed()
                    + "): expected "
                    + unit.expected()
                    + ", reported "
                    + reported
                    + "\n"
                    + program.source());
          }
        }
      }
    }
    assertWithMessage("protocol checks in the truth of %s programs", programs)
        .that(expectedChecks)
        .containsExactly(
            "MiOperationNotClosed", "MiRetrievalOnAsyncOperation", "MiResultUsedAfterRetrieval");
    assertWithMessage(
            "%s methods whose findings differ from the truth:\n%s",
            failures.size(), String.join("\n\n", failures.subList(0, Math.min(3, failures.size()))))
        .that(failures)
        .isEmpty();
  }
}
