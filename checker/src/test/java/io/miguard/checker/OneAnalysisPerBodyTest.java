package io.miguard.checker;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.VariableTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.google.errorprone.scanner.ScannerSupplier;
import com.sun.source.tree.VariableTree;
import io.miguard.checker.analysis.UnitAnalysis;
import org.junit.jupiter.api.Test;

/**
 * Both checks read one analysis per body, whatever their options (issue 14): with {@code
 * ExceptionalPaths=true} on one check only, each body is still analysed once.
 */
class OneAnalysisPerBodyTest {

  /**
   * A test-only check that reports, on a field named {@code analysed}, how many bodies the
   * compilation has analysed so far (the members before it have been visited by every check).
   */
  @BugPattern(
      summary = "Reports how many bodies the shared analysis has analysed (tests only)",
      severity = BugPattern.SeverityLevel.WARNING)
  public static final class AnalysisCounter extends BugChecker implements VariableTreeMatcher {
    @Override
    public Description matchVariable(VariableTree tree, VisitorState state) {
      if (!tree.getName().contentEquals("analysed")) {
        return Description.NO_MATCH;
      }
      return buildDescription(tree)
          .setMessage(
              "bodies analysed: "
                  + UnitAnalysis.bodiesAnalysed(state.context)
                  + ", proven without a graph: "
                  + UnitAnalysis.bodiesProven(state.context))
          .build();
    }
  }

  private static final String[] SOURCE = {
    "import io.miguard.mi.*;",
    "class Test {",
    "  MiSession session;",
    "  void closedUndrained() {",
    "    MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Disk\");",
    "    // BUG: Diagnostic contains: [MiCloseBeforeDrain]",
    "    op.close();",
    "  }",
    "  void closedAfterTheImpersonation(Identity user) {",
    "    MiOperation op;",
    "    try (Impersonation as = SecurityContext.impersonate(user)) {",
    "      op = session.enumerateInstances(\"root/cimv2\", \"Disk\");",
    "      op.drainInstances();",
    "    }",
    "    // BUG: Diagnostic contains: [MiCloseInDifferentContext]",
    "    op.close();",
    "  }",
    "  void unwinding(Runnable work) {",
    "    // BUG: Diagnostic contains: [MiCloseBeforeDrain] Operation 'op' (started on line 20)",
    "    try (MiOperation op = session.enumerateInstances(\"root/cimv2\", \"Disk\")) {",
    "      work.run();",
    "      op.drainInstances();",
    "    }",
    "  }",
    "  // BUG: Diagnostic contains: bodies analysed: 3,",
    "  int analysed;",
    "}"
  };

  @Test
  void bothChecksWithDifferentOptionsShareOneAnalysisPerBody() {
    CompilationTestHelper.newInstance(
            ScannerSupplier.fromBugCheckerClasses(
                MiCloseBeforeDrain.class, MiCloseInDifferentContext.class, AnalysisCounter.class),
            getClass())
        .addSourceLines("Test.java", SOURCE)
        .setArgs(FailFast.FLAG, "-XepOpt:MiCloseBeforeDrain:ExceptionalPaths=true")
        .doTest();
  }

  /**
   * A second compilation counts from zero (the counter lives in the compilation's context), and one
   * check alone with its default options analyses each body once too; {@code unwinding} needs no
   * analysis at all then: what goes wrong there is on an exceptional path only, and the body has
   * the shape {@code GraphFreeProof} proves silent on the default paths.
   */
  @Test
  void oneCheckAloneWithDefaultOptionsAnalysesEachBodyOnce() {
    String[] source = SOURCE.clone();
    for (int i = 0; i < source.length; i++) {
      if (source[i].contains("[MiCloseInDifferentContext]")) {
        source[i] = "    // MiCloseInDifferentContext is off";
      } else if (source[i].contains("(started on line 20)")) {
        source[i] = "    // an unwinding path: reported only with ExceptionalPaths=true";
      } else if (source[i].contains("bodies analysed: 3,")) {
        source[i] = "  // BUG: Diagnostic contains: bodies analysed: 2, proven without a graph: 1";
      }
    }
    CompilationTestHelper.newInstance(
            ScannerSupplier.fromBugCheckerClasses(MiCloseBeforeDrain.class, AnalysisCounter.class),
            getClass())
        .addSourceLines("Test.java", source)
        .setArgs(FailFast.FLAG)
        .doTest();
  }
}
