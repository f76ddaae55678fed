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

  @Test
  void helpersAndFactoriesOfTheUnitAndDrainsResultsOfOthers() {
    helper.addSourceFile("testdata/Helpers.java").addSourceFile("testdata/Library.java").doTest();
  }

  @Test
  void onlySynchronousOperationsAreReported() {
    helper.addSourceFile("testdata/Synchrony.java").doTest();
  }

  @Test
  void operationsThatEscapeAreNotReported() {
    helper.addSourceFile("testdata/Escapes.java").doTest();
  }

  @Test
  void cancelDoesNotDrain() {
    helper.addSourceFile("testdata/Cancel.java").doTest();
  }

  @Test
  void exceptionsThrownOrCaughtInTheMethodAreReported() {
    helper.addSourceFile("testdata/Exceptions.java").doTest();
  }

  @Test
  void exceptionalPathsOptionReportsUnwindingPaths() {
    helper
        .addSourceFile("testdata/ExceptionalPaths.java")
        .setArgs("-XepOpt:MiCloseBeforeDrain:ExceptionalPaths=true")
        .doTest();
  }
}
