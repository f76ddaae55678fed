package io.miguard.bench;

import static com.google.common.truth.Truth.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The MI-heavy table compares findings of the checks the miguard build runs. */
class MiHeavySuiteTest {
  private static final List<String> EXPECTED =
      List.of(
          "MiCloseBeforeDrain:A.java:3",
          "MiOperationNotClosed:A.java:7",
          "MiCloseInCallback:B.java:9");

  @Test
  void everyCheckIsExpectedWithoutFlags() {
    assertThat(MiHeavySuite.enabledOnly(EXPECTED, "")).containsExactlyElementsIn(EXPECTED);
  }

  @Test
  void checksTurnedOffAreNotExpected() {
    assertThat(
            MiHeavySuite.enabledOnly(
                EXPECTED,
                " -Xep:MiOperationNotClosed:OFF -XepOpt:Miguard:StatementChunks=0"
                    + " -Xep:MiCloseInCallback:OFF"))
        .containsExactly("MiCloseBeforeDrain:A.java:3");
  }
}
