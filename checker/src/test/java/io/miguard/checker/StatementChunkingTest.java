package io.miguard.checker;

import com.google.errorprone.CompilationTestHelper;
import io.miguard.checker.analysis.StatementChunking;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Long bodies analysed in chunks of top-level statements ({@link StatementChunking}) give exactly
 * the findings of one graph per body. With chunks of one statement every body of more than two
 * statements is chunked, so each case runs both ways: chunked ({@code 1}) and whole ({@code 0}).
 */
class StatementChunkingTest {
  private final CompilationTestHelper helper =
      CompilationTestHelper.newInstance(MiCloseBeforeDrain.class, getClass());

  private static String[] flags(int size) {
    return new String[] {FailFast.FLAG, "-XepOpt:" + StatementChunking.FLAG + "=" + size};
  }

  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void storesCrossChunkBoundaries(int size) {
    helper
        .addSourceLines(
            "Test.java",
            "import io.miguard.mi.MiOperation;",
            "import io.miguard.mi.MiSession;",
            "class Test {",
            "  static final String NS = \"root/cimv2\";",
            "  void drainedInALaterChunk(MiSession s) {",
            "    MiOperation op = s.enumerateInstances(NS, \"Win32_Service\");",
            "    int a = 1;",
            "    int b = a + 1;",
            "    op.drainInstances();",
            "    int c = b + 1;",
            "    op.close();",
            "  }",
            "  void neverDrained(MiSession s) {",
            "    MiOperation op = s.enumerateInstances(NS, \"Win32_Service\");",
            "    int a = 1;",
            "    int b = a + 1;",
            "    int c = b + 1;",
            "    // BUG: Diagnostic contains: 'op' (started on line 14) is closed before its final"
                + " result is retrieved",
            "    op.close();",
            "  }",
            "  void drainedOnOnePath(MiSession s, boolean empty) {",
            "    MiOperation op = s.enumerateInstances(NS, \"Win32_Service\");",
            "    if (!empty) {",
            "      op.drainInstances();",
            "    }",
            "    int a = 1;",
            "    int b = a + 1;",
            "    // BUG: Diagnostic contains: 'op' (started on line 22) may be closed before its"
                + " final result is retrieved: the path through line 23",
            "    op.close();",
            "  }",
            "  void startedInALaterChunkInALoop(MiSession s) {",
            "    int a = 1;",
            "    int b = a + 1;",
            "    for (int i = 0; i < b; i++) {",
            "      MiOperation op = s.enumerateInstances(NS, \"Win32_Service\");",
            "      // BUG: Diagnostic contains: 'op' (started on line 35) is closed before its"
                + " final result is retrieved",
            "      op.close();",
            "    }",
            "    int c = b + 1;",
            "  }",
            "}")
        .setArgs(flags(size))
        .doTest();
  }

  /**
   * A return in the middle of a body: no chunk boundary may follow it, or the paths that return
   * there would be lost from the body's normal exit, and the helper would seem to always drain.
   */
  @ParameterizedTest
  @ValueSource(ints = {0, 1})
  void noBoundaryAfterAReturn(int size) {
    helper
        .addSourceLines(
            "Test.java",
            "import io.miguard.mi.MiOperation;",
            "import io.miguard.mi.MiSession;",
            "class Test {",
            "  static final String NS = \"root/cimv2\";",
            "  private static void drainUnlessEmpty(MiOperation operation, boolean empty) {",
            "    int before = 0;",
            "    if (empty) {",
            "      return;",
            "    }",
            "    int after = before + 1;",
            "    operation.drainInstances();",
            "  }",
            "  void caller(MiSession s, boolean empty) {",
            "    MiOperation op = s.enumerateInstances(NS, \"Win32_Service\");",
            "    drainUnlessEmpty(op, empty);",
            "    // BUG: Diagnostic contains: 'op' (started on line 14) may be closed before its"
                + " final result is retrieved",
            "    op.close();",
            "  }",
            "}")
        .setArgs(flags(size))
        .doTest();
  }

  /** The check's own test data, every body of more than two statements chunked. */
  @ParameterizedTest
  @ValueSource(
      strings = {
        "DrainLoops",
        "ResultPredicates",
        "SingleResults",
        "Iteration",
        "Synchrony",
        "Escapes",
        "Cancel",
        "Exceptions",
        "Constructs",
        "Robustness"
      })
  void testDataGivesTheSameFindingsInChunksOfOne(String file) {
    helper.addSourceFile("testdata/" + file + ".java").setArgs(flags(1)).doTest();
  }

  @ParameterizedTest
  @ValueSource(ints = {1})
  void helpersAndExceptionalPathsInChunksOfOne(int size) {
    helper
        .addSourceFile("testdata/Helpers.java")
        .addSourceFile("testdata/Library.java")
        .setArgs(flags(size))
        .doTest();
    CompilationTestHelper.newInstance(MiCloseBeforeDrain.class, getClass())
        .addSourceFile("testdata/ExceptionalPaths.java")
        .setArgs(
            FailFast.FLAG,
            "-XepOpt:MiCloseBeforeDrain:ExceptionalPaths=true",
            "-XepOpt:" + StatementChunking.FLAG + "=" + size)
        .doTest();
  }
}
