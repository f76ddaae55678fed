package io.miguard.bench;

import static com.google.common.truth.Truth.assertThat;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each target is judged on its worst row, at its limit inclusive, and shows every row. */
class TargetsTest {
  private static final long SECOND = 1_000_000_000L;

  private static Comparison comparison(double errorProne, double miguard, double inside) {
    Comparison comparison = new Comparison();
    comparison.addRound(
        Map.of(
            Configuration.JAVAC, result(1, 0),
            Configuration.ERROR_PRONE, result(errorProne, 0),
            Configuration.ERROR_PRONE_MIGUARD, result(miguard, inside)));
    return comparison;
  }

  private static CompileResult result(double wall, double inside) {
    return new CompileResult(
        (long) (wall * SECOND), 0, 0, 0, (long) (inside * SECOND), 0, "", List.of());
  }

  @Test
  void warmMiHeavyJudgesBothMeasuresOnTheWorstSize() {
    // 1x: +4% wall, 3% inside; 2x: +6% wall, 4.5% inside.
    List<Verdict> verdicts =
        Targets.warmMiHeavy(
            List.of("1x", "2x"), List.of(comparison(10, 10.4, 0.3), comparison(20, 21.2, 0.9)));

    assertThat(verdicts.get(0).holds()).isTrue();
    assertThat(verdicts.get(0).line())
        .isEqualTo(
            "- MI-heavy, warm: inside the checks at most +5%: worst +4.50% (2x); 1x +3.00%, 2x"
                + " +4.50%: holds");
    assertThat(verdicts.get(1).holds()).isFalse();
    assertThat(verdicts.get(1).line())
        .isEqualTo(
            "- MI-heavy, warm: paired wall clock at most +5%: worst +6.00% (2x); 1x +4.00%, 2x"
                + " +6.00%: MISSED");
  }

  @Test
  void aFigureAtTheLimitHolds() {
    assertThat(Targets.coldMiHeavy(List.of("1x", "2x"), List.of(10.0, -3.0)).holds()).isTrue();
    assertThat(Targets.coldMiHeavy(List.of("1x", "2x"), List.of(10.01, -3.0)).holds()).isFalse();
  }

  @Test
  void noMiIsJudgedInsideTheChecksOnly() {
    // +30% by wall clock (noise on a shared machine), 0.4% inside the checks.
    Verdict verdict = Targets.noMi(List.of("commons-lang3"), List.of(comparison(10, 13, 0.04)));

    assertThat(verdict.holds()).isTrue();
    assertThat(verdict.target()).isEqualTo("no MI: inside the checks at most +0.5%");
    assertThat(
            Targets.noMi(
                    List.of("a", "b"), List.of(comparison(10, 10, 0.04), comparison(10, 10, 0.06)))
                .measured())
        .isEqualTo("worst +0.60% (b); a +0.40%, b +0.60%");
  }

  @Test
  void methodSizeComparesTheLargestSizeWithTheReference() {
    Verdict linear = Targets.methodSize(16.0, 20.8);
    Verdict quadratic = Targets.methodSize(16.34, 43.78);

    assertThat(linear.holds()).isTrue();
    assertThat(linear.measured()).isEqualTo("1.30x (20.80 µs over 16.00 µs)");
    assertThat(quadratic.holds()).isFalse();
    assertThat(quadratic.line())
        .isEqualTo(
            "- method size: time per statement at 2000 statements within 1.3x of that at 100:"
                + " 2.68x (43.78 µs over 16.34 µs): MISSED");
  }

  @Test
  void summaryCountsWhatHolds() {
    String summary =
        Targets.summary(List.of(new Verdict("a", "1", true), new Verdict("b", "2", false)));

    assertThat(summary)
        .isEqualTo(
            String.format("1 of 2 targets hold (1 MISSED)%n") + "- a: 1: holds\n- b: 2: MISSED\n");
  }

  @Test
  void rowsAndFiguresMustPair() {
    assertThrows(
        IllegalArgumentException.class,
        () -> Targets.atMost("x", 1, List.of("1x", "2x"), List.of(1.0)));
    assertThrows(
        IllegalArgumentException.class, () -> Targets.atMost("x", 1, List.of(), List.of()));
  }
}
