package io.miguard.bench;

import static com.google.common.truth.Truth.assertThat;

import io.miguard.bench.Workers.ColdCompile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A cold row pairs each round's two fresh processes, by wall clock and by their CPU time. */
class ColdSuiteTest {
  private static final long SECOND = 1_000_000_000L;

  private static ColdCompile cold(double processWall, double processCpu) {
    return new ColdCompile(
        (long) (processWall * SECOND),
        new CompileResult(0, 0, (long) (processCpu * SECOND), 0, 0, 0, "", List.of()));
  }

  @Test
  void overheadIsPairedPerRound() {
    ColdSuite.Row row = new ColdSuite.Row();
    row.addRound(cold(4, 6), cold(4.4, 6.3));
    // A slow spell on both: still +10% paired.
    row.addRound(cold(8, 12), cold(8.8, 12.6));
    row.addRound(cold(4, 6), cold(4.2, 6.6));

    assertThat(row.wallOverhead.percent()).isWithin(1e-9).of(10);
    assertThat(row.cpuOverhead.percent()).isWithin(1e-9).of(5);
    assertThat(row.cells())
        .containsExactly(
            "4.00 s (4.00–8.00)",
            "4.40 s (4.20–8.80)",
            "+10.0% (+5.0–+10.0)",
            "6.00 s (6.00–12.00)",
            "6.60 s (6.30–12.60)",
            "+5.0% (+5.0–+10.0)")
        .inOrder();
  }

  @Test
  void withoutCpuFiguresTheCpuCellsSaySo() {
    ColdSuite.Row row = new ColdSuite.Row();
    row.addRound(cold(4, -1), cold(4.4, -1));

    assertThat(row.cells())
        .containsExactly(
            "4.00 s (4.00–4.00)", "4.40 s (4.40–4.40)", "+10.0% (+10.0–+10.0)", "?", "?", "?")
        .inOrder();
  }
}
