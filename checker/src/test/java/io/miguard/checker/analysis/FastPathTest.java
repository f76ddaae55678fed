package io.miguard.checker.analysis;

import com.google.errorprone.BugPattern;
import com.google.errorprone.CompilationTestHelper;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.MethodTree;
import org.junit.jupiter.api.Test;

/**
 * The fast path: a body that never mentions a handle type (operation, session, application) gets no
 * analysis (no CFG); one that does, in any expression or declaration, gets one (a session or
 * application alone: its close is judged); the body of a {@code @DrainsResults} method of a handle
 * type always does (its receiver is the operation).
 */
class FastPathTest {
  /** Reports, on each method, whether the engine analysed it. */
  @BugPattern(
      summary = "Reports which methods the engine analyses (tests only)",
      severity = BugPattern.SeverityLevel.WARNING)
  public static final class AnalysedProbe extends BugChecker implements MethodTreeMatcher {
    /** An analysis failure fails the test. */
    static final MiguardFlags FAIL_FAST =
        new MiguardFlags(true, false, null, null, null, StatementChunking.DEFAULT, true);

    @Override
    public Description matchMethod(MethodTree tree, VisitorState state) {
      BodyAnalysis analysis = UnitAnalysis.of(state, FAIL_FAST).analyse(state.getPath());
      return analysis == null
          ? Description.NO_MATCH
          : buildDescription(tree).setMessage("analysed " + tree.getName()).build();
    }
  }

  @Test
  void onlyBodiesThatMentionAHandleAreAnalysed() {
    CompilationTestHelper.newInstance(AnalysedProbe.class, getClass())
        .addSourceLines(
            "Bodies.java",
            "import io.miguard.mi.*;",
            "import java.util.List;",
            "class Bodies {",
            "  int arithmetic(int a) { return a * 2; }",
            "  String results(InstanceResult r) { return String.valueOf(r.moreResults()); }",
            "  // BUG: Diagnostic contains: analysed sessionOnly",
            "  void sessionOnly(MiSession s) { s.close(); }",
            "  // BUG: Diagnostic contains: analysed applicationOnly",
            "  void applicationOnly(MiApplication a) { a.close(); }",
            "  void callbacksOnly(MiOperationCallbacks c) { c.toString(); }",
            "  // BUG: Diagnostic contains: analysed local",
            "  void local(MiSession s) { MiOperation op = null; }",
            "  // BUG: Diagnostic contains: analysed chained",
            "  void chained(MiSession s) { s.testConnection().getInstance(); }",
            "  // BUG: Diagnostic contains: analysed parameter",
            "  void parameter(MiOperation op) { }",
            "  // BUG: Diagnostic contains: analysed inLambda",
            "  Runnable inLambda(MiSession s) { return () -> s.testConnection().close(); }",
            "  abstract static class NoBody { abstract void none(MiOperation op); }",
            "}")
        .doTest();
  }

  /**
   * The unit-level fast path is per unit: a unit without MI compiled first does not stop the next
   * unit's bodies from being analysed.
   */
  @Test
  void aUnitWithoutHandlesLeavesTheNextUnitAnalysed() {
    CompilationTestHelper.newInstance(AnalysedProbe.class, getClass())
        .addSourceLines(
            "APlain.java",
            "class APlain {",
            "  int arithmetic(int a) { return a * 2; }",
            "  Runnable lambda() { return () -> {}; }",
            "}")
        .addSourceLines(
            "BUses.java",
            "import io.miguard.mi.*;",
            "class BUses {",
            "  int arithmetic(int a) { return a * 2; }",
            "  // BUG: Diagnostic contains: analysed local",
            "  void local(MiSession s) { MiOperation op = null; }",
            "}")
        .doTest();
  }
}
