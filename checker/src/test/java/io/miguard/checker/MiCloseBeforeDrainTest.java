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
      CompilationTestHelper.newInstance(MiCloseBeforeDrain.class, getClass())
          .setArgs(FailFast.FLAG);

  @Test
  void loopsDrainOnTheFalseEdgeOfMoreResults() {
    helper.addSourceFile("testdata/DrainLoops.java").doTest();
  }

  @Test
  void booleanHelpersThatReturnMoreResultsAreTheAccessor() {
    helper.addSourceFile("testdata/ResultPredicates.java").doTest();
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
    CompilationTestHelper.newInstance(MiCloseBeforeDrain.class, getClass())
        .setArgs(FailFast.FLAG, "-XepOpt:MiCloseBeforeDrain:ExceptionalPaths=true")
        .addSourceFile("testdata/ExceptionalPaths.java")
        .doTest();
  }

  @Test
  void docsExampleAndSuppression() {
    helper
        .addSourceLines(
            "Example.java",
            "import io.miguard.mi.*;",
            "class Example {",
            "  MiInstance find(MiSession session, String query) {",
            "    // BUG: Diagnostic contains: Operation 'processes' (started on line 5) may be"
                + " closed before its final result is retrieved: the path through line 10 reaches"
                + " this close undrained",
            "    try (MiOperation processes = session.queryInstances(\"root/cimv2\", \"WQL\","
                + " query)) {",
            "      InstanceResult result;",
            "      do {",
            "        result = processes.getInstance();",
            "        if (result.instance() != null) {",
            "          return result.instance();",
            "        }",
            "      } while (result.moreResults());",
            "    }",
            "    return null;",
            "  }",
            "  @SuppressWarnings(\"MiCloseBeforeDrain\")",
            "  void suppressed(MiSession session) {",
            "    session.enumerateInstances(\"root/cimv2\", \"Win32_Service\").close();",
            "  }",
            "  void notSuppressed(MiSession session) {",
            "    // BUG: Diagnostic contains: (started on line 22) is closed",
            "    session.enumerateInstances(\"root/cimv2\", \"Win32_Service\").close();",
            "  }",
            "}")
        .doTest();
  }

  @Test
  void initializersAreCheckedAndFieldSuppressionHolds() {
    helper
        .addSourceLines(
            "Initializers.java",
            "import io.miguard.annotations.ClosesOperation;",
            "import io.miguard.mi.*;",
            "class Initializers {",
            "  static MiSession session;",
            "  static int closed(@ClosesOperation MiOperation op) {",
            "    op.close();",
            "    return 0;",
            "  }",
            "  // BUG: Diagnostic contains: (started on line 10) is closed",
            "  final int undrained = closed(session.enumerateInstances(\"root/cimv2\", \"A\"));",
            "  @SuppressWarnings(\"MiCloseBeforeDrain\")",
            "  final int suppressed = closed(session.enumerateInstances(\"root/cimv2\", \"B\"));",
            "  final int drained = session.enumerateInstances(\"root/cimv2\", \"C\")"
                + ".drainInstances().size();",
            "  @SuppressWarnings(\"MiCloseBeforeDrain\")",
            "  final Object suppressedAnonymous = new Object() {",
            "    {",
            "      session.enumerateInstances(\"root/cimv2\", \"D\").close();",
            "    }",
            "  };",
            "  final Object anonymous = new Object() {",
            "    {",
            "      // BUG: Diagnostic contains: (started on line 23) is closed",
            "      session.enumerateInstances(\"root/cimv2\", \"E\").close();",
            "    }",
            "  };",
            "  {",
            "    // BUG: Diagnostic contains: (started on line 28) is closed",
            "    session.enumerateInstances(\"root/cimv2\", \"F\").close();",
            "  }",
            "}")
        .doTest();
  }
}
