package io.miguard.bench;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The overhead figures and verdicts of a table, from rounds whose times are known. */
class ComparisonTest {
  private static final long SECOND = 1_000_000_000L;

  /** One round: javac, the Error Prone build and the miguard build, times in seconds. */
  private static Map<Configuration, CompileResult> round(
      double javac, double errorProne, double miguard, double insideMiguard) {
    return Map.of(
        Configuration.JAVAC, result(javac, 0, List.of()),
        Configuration.ERROR_PRONE, result(errorProne, 0, List.of()),
        Configuration.ERROR_PRONE_MIGUARD,
            result(miguard, insideMiguard, List.of("MiCloseBeforeDrain:A.java:" + (int) miguard)));
  }

  private static CompileResult result(double wall, double inside, List<String> findings) {
    return new CompileResult((long) (wall * SECOND), 0, (long) (inside * SECOND), 0, "", findings);
  }

  @Test
  void overheadIsTheMedianOfEachRoundsOwnRatio() {
    Comparison comparison = new Comparison();
    // A slow spell lands on both builds of the second round: paired, it is +5% like the others;
    // the ratio of the two medians would say +50% (15 s over 10 s).
    comparison.addRound(round(1, 10, 10.5, 0.1));
    comparison.addRound(round(2, 20, 21, 0.1));
    comparison.addRound(round(1, 10, 15, 0.1));

    assertThat(comparison.overheadPercent()).isWithin(1e-9).of(5);
    assertThat(comparison.miguardOverhead()).isEqualTo("+5.0% (+5.0–+50.0)");
    assertThat(comparison.insideMiguardPercent()).isWithin(1e-9).of(1);
    // The findings are the first measured round's.
    assertThat(comparison.findings()).containsExactly("MiCloseBeforeDrain:A.java:10");
  }

  @Test
  void verdictJudgesTheWorstRowByBothMeasures() {
    Comparison fast = new Comparison();
    fast.addRound(round(1, 10, 10.1, 0.05));
    Comparison slow = new Comparison();
    slow.addRound(round(1, 10, 13, 0.1));

    assertThat(Comparison.verdict(List.of(fast), 2))
        .isEqualTo(
            String.format(
                "target: miguard adds at most +2%%. Worst row: wall +1.0%% (holds), inside"
                    + " miguard 0.50%% (holds)%n"));
    assertThat(Comparison.verdict(List.of(fast, slow), 2))
        .isEqualTo(
            String.format(
                "target: miguard adds at most +2%%. Worst row: wall +30.0%% (MISSED), inside"
                    + " miguard 1.00%% (holds)%n"));
  }
}
