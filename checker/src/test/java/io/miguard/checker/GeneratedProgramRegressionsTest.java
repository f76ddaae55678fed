package io.miguard.checker;

import com.google.errorprone.CompilationTestHelper;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Defects the generated programs of the robustness module found (GeneratedProgramsTest), each as
 * its smallest program: a regression test written before the fix.
 */
class GeneratedProgramRegressionsTest {

  @Nested
  class CloseBeforeDrain {
    private final CompilationTestHelper helper =
        CompilationTestHelper.newInstance(MiCloseBeforeDrain.class, getClass())
            .setArgs(FailFast.FLAG);

    /**
     * A runAs lambda runs during its call, but inside code handed to another thread that call
     * happens later: the operation it captured may have been drained by then (here it is, on the
     * line after the hand-off), so its close is not judged there.
     */
    @Test
    void runAsInsideCodeOnAnotherThreadDoesNotRunWhereTheOperationWasCaptured() {
      helper
          .addSourceLines(
              "Test.java",
              "import io.miguard.mi.*;",
              "import java.util.concurrent.*;",
              "class Test {",
              "  static final Identity AUDITOR = Identity.of(\"CORP\\\\auditor\");",
              "  void onAnotherThread(MiSession s, ExecutorService pool) {",
              "    MiOperation op = s.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
              "    pool.execute(() -> SecurityContext.runAs(AUDITOR, () -> op.close()));",
              "    op.drainInstances();",
              "  }",
              "  void referenceOnAnotherThread(MiSession s, ExecutorService pool) {",
              "    MiOperation op = s.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
              "    CompletableFuture.runAsync(() -> SecurityContext.runAs(AUDITOR, op::close));",
              "    op.drainInstances();",
              "  }",
              "  void runAsInRunAsStillRunsDuringTheCall(MiSession s) {",
              "    MiOperation op = s.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
              "    SecurityContext.runAs(AUDITOR, () -> {",
              "      // BUG: Diagnostic contains: (started on line 16) is closed",
              "      SecurityContext.runAs(AUDITOR, () -> op.close());",
              "    });",
              "  }",
              "  void startedOnTheOtherThreadIsJudgedThere(MiSession s, ExecutorService pool) {",
              "    pool.execute(() -> {",
              "      MiOperation op = s.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
              "      // BUG: Diagnostic contains: (started on line 24) is closed",
              "      SecurityContext.runAs(AUDITOR, () -> op.close());",
              "    });",
              "  }",
              "}")
          .doTest();
    }

    /**
     * Storing moreResults() in a local is not seeing it: the single result of a single-result
     * operation drains it until a test of that local sees "more". Here the loop is left by the
     * break before any test, after one retrieval.
     */
    @Test
    void aFlagStoredInALocalIsSeenWhereItIsTested() {
      helper
          .addSourceLines(
              "Test.java",
              "import io.miguard.mi.*;",
              "import java.util.function.*;",
              "class Test {",
              "  void single(MiSession s, MiInstance keys, BooleanSupplier c) {",
              "    MiOperation op = s.getInstance(\"root/cimv2\", keys);",
              "    boolean more = true;",
              "    while (more) {",
              "      var r = op.getInstance();",
              "      more = r.moreResults();",
              "      if (c.getAsBoolean()) {",
              "        break;",
              "      }",
              "    }",
              "    op.close();",
              "  }",
              "  void negatedFlag(MiSession s, MiInstance keys, BooleanSupplier c) {",
              "    MiOperation op = s.getInstance(\"root/cimv2\", keys);",
              "    var r = op.getInstance();",
              "    boolean last = !r.moreResults();",
              "    op.close();",
              "  }",
              "  void multiple(MiSession s, BooleanSupplier c) {",
              "    MiOperation op = s.enumerateInstances(\"root/cimv2\", \"Win32_Process\");",
              "    boolean more = true;",
              "    while (more) {",
              "      var r = op.getInstance();",
              "      more = r.moreResults();",
              "      if (c.getAsBoolean()) {",
              "        break;",
              "      }",
              "    }",
              "    // BUG: Diagnostic contains: (started on line 23) may be closed",
              "    op.close();",
              "  }",
              "  void testedLater(MiSession s, MiInstance keys, BooleanSupplier c) {",
              "    MiOperation op = s.getInstance(\"root/cimv2\", keys);",
              "    var r = op.getInstance();",
              "    boolean more = r.moreResults();",
              "    if (more) {",
              "      // BUG: Diagnostic contains: (started on line 36) is closed",
              "      op.close();",
              "      return;",
              "    }",
              "    op.close();",
              "  }",
              "}")
          .doTest();
    }
  }
}
