package io.miguard.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Test;

/**
 * MiCloseBeforeDrain against the real binding: each test compiles one file of test data under
 * {@code testdata/}, in which every method is a positive case (a close marked {@code // BUG:}) or a
 * negative one.
 */
class MiCloseBeforeDrainTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(MiCloseBeforeDrain.class, getClass());

  @Test
  void loopsDrainOnTheFalseEdgeOfMoreResults() {
    helper.addSourceFile("testdata/DrainLoops.java").doTest();
  }

  @Test
  void singleResultOperationsDrainWithOneRetrieval() {
    helper.addSourceFile("testdata/SingleResults.java").doTest();
  }

  @Test
  void drainCallsAndCompletedIterationDrain() {
    helper.addSourceFile("testdata/Iteration.java").doTest();
  }
}
