package io.miguard.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.BlockTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.LambdaExpressionTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.VariableTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import io.miguard.checker.analysis.AnalysisOptions;
import io.miguard.checker.analysis.BodyAnalysis;
import io.miguard.checker.analysis.UnitAnalysis;
import org.jspecify.annotations.Nullable;

/**
 * A check that reads the engine's analysis of every body that runs code: methods and constructors,
 * lambdas, initializer blocks and field initializers, each analysed on its own. Subclasses decide
 * only what to report; this class finds the bodies, gets their analysis from the unit's shared
 * cache, and keeps a failure of the analysis or of the report from crashing the compilation.
 */
abstract class OperationBodyChecker extends BugChecker
    implements MethodTreeMatcher,
        LambdaExpressionTreeMatcher,
        BlockTreeMatcher,
        VariableTreeMatcher {

  /** The analysis options this check reads the bodies with. */
  abstract AnalysisOptions options();

  /**
   * Reports what the check finds in one analysed body (through {@link VisitorState#reportMatch}).
   *
   * @param method the method or constructor, or null for a lambda or initializer
   */
  abstract void report(
      BodyAnalysis analysis, UnitAnalysis unit, @Nullable MethodTree method, VisitorState state);

  @Override
  public final Description matchMethod(MethodTree tree, VisitorState state) {
    return checkBody(state, tree);
  }

  @Override
  public final Description matchLambdaExpression(LambdaExpressionTree tree, VisitorState state) {
    return checkBody(state, null);
  }

  @Override
  public final Description matchBlock(BlockTree tree, VisitorState state) {
    return isClassMember(state) ? checkBody(state, null) : Description.NO_MATCH;
  }

  @Override
  public final Description matchVariable(VariableTree tree, VisitorState state) {
    return isClassMember(state) && tree.getInitializer() != null
        ? checkBody(state, null)
        : Description.NO_MATCH;
  }

  /** An initializer block or field, as opposed to a block or local variable inside a body. */
  private static boolean isClassMember(VisitorState state) {
    TreePath parent = state.getPath().getParentPath();
    return parent != null && parent.getLeaf() instanceof ClassTree;
  }

  /**
   * Analyses the body at the current path and reports on it. Never crashes the compilation: a body
   * the analysis or the report cannot handle is skipped, and nothing is invented for it (unless
   * {@link UnitAnalysis#FAIL_FAST}, which the tests set).
   */
  private Description checkBody(VisitorState state, @Nullable MethodTree method) {
    try {
      UnitAnalysis unit = UnitAnalysis.of(state, options());
      BodyAnalysis analysis = unit.analyse(state.getPath());
      if (analysis != null) {
        report(analysis, unit, method, state);
      }
    } catch (RuntimeException | StackOverflowError e) {
      if (UnitAnalysis.FAIL_FAST) {
        throw e;
      }
    }
    return Description.NO_MATCH;
  }
}
