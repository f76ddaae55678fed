package io.miguard.checker;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * Newer language features (records, patterns, text blocks, labelled loops, nested try/finally): the
 * analysis must neither crash (the tests run with {@code -XepOpt:Miguard:FailFast=true}, so a
 * failure is not skipped silently) nor misjudge.
 */
class MiCloseBeforeDrainRobustnessTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(MiCloseBeforeDrain.class, getClass())
          .setArgs(FailFast.FLAG);

  @Test
  void recordsPatternsTextBlocksLabelsAndNestedFinally() {
    helper.addSourceFile("testdata/Robustness.java").doTest();
  }

  @Test
  void switchWithPatterns() {
    assumeTrue(Runtime.version().feature() >= 21, "pattern switch is final from Java 21");
    helper.addSourceFile("testdata/PatternSwitch.java").doTest();
  }
}
