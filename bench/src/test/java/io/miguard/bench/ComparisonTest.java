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
    // CPU time: twice the wall clock (two cores busy).
    return new CompileResult(
        (long) (wall * SECOND),
        (long) (2 * wall * SECOND),
        0,
        0,
        (long) (inside * SECOND),
        0,
        "",
        findings);
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
  void cellsShowTheCpuOverheadPairedLikeTheWallClock() {
    Comparison comparison = new Comparison();
    comparison.addRound(round(1, 10, 11, 0.2));

    assertThat(comparison.cells())
        .containsExactly(
            "1.00 s (1.00–1.00)",
            "10.00 s (10.00–10.00)",
            "11.00 s (11.00–11.00)",
            "10.00x",
            "+10.0% (+10.0–+10.0)",
            "+10.0% (+10.0–+10.0)",
            "200 ms (200–200)",
            "2.00%")
        .inOrder();
  }
}
