package io.miguard.checker;

import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.VariableTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.VariableTree;
import io.miguard.checker.analysis.UnitAnalysis;

/**
 * A test-only check that reports, on a field named {@code counted}, how many bodies the compilation
 * has analysed and how many it proved silent without a graph so far (a class's members before the
 * field have been visited by every check).
 */
@BugPattern(
    summary = "Reports how many bodies were analysed and proven (tests only)",
    severity = BugPattern.SeverityLevel.WARNING)
public final class AnalysisCounter extends BugChecker implements VariableTreeMatcher {
  @Override
  public Description matchVariable(VariableTree tree, VisitorState state) {
    if (!tree.getName().contentEquals("counted")) {
      return Description.NO_MATCH;
    }
    return buildDescription(tree)
        .setMessage(
            "analysed: "
                + UnitAnalysis.bodiesAnalysed(state.context)
                + ", proven: "
                + UnitAnalysis.bodiesProven(state.context))
        .build();
  }
}
