package io.miguard.checker;

import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.ClassTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.LambdaExpressionTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import io.miguard.checker.analysis.BodyAnalysis;
import io.miguard.checker.analysis.UnitAnalysis;
import org.jspecify.annotations.Nullable;

/**
 * A check that reads the engine's analysis of every body that runs code: methods and constructors,
 * lambdas, initializer blocks and field initializers, each analysed on its own. Subclasses decide
 * only what to report; this class finds the bodies, gets their analysis from the unit's shared
 * cache, and keeps a failure of the analysis or of the report from crashing the compilation.
 *
 * <p>Initializer blocks and field initializers are found from their class, not by matching every
 * block and variable: Error Prone pays a suppression check and a timer for each tree a matcher is
 * called on, and blocks and local variables are the most numerous trees of any method, while only
 * the class's own members are bodies. The class's members are not visited with their own
 * suppression state, so a field's {@code @SuppressWarnings} is checked here.
 */
abstract class OperationBodyChecker extends BugChecker
    implements MethodTreeMatcher, LambdaExpressionTreeMatcher, ClassTreeMatcher {

  private final boolean exceptionalPaths;

  /**
   * Reads the check's {@code -XepOpt:<check name>:ExceptionalPaths=true} flag: whether it also
   * reports the paths the analysis records as exceptional only (see the analysis's {@code
   * ExceptionalEdges}).
   */
  OperationBodyChecker(ErrorProneFlags flags) {
    this.exceptionalPaths = flags.getBoolean(canonicalName() + ":ExceptionalPaths").orElse(false);
  }

  /** Whether the check reports exceptional-only paths too ({@code ExceptionalPaths=true}). */
  final boolean exceptionalPaths() {
    return exceptionalPaths;
  }

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
  public final Description matchClass(ClassTree tree, VisitorState state) {
    for (Tree member : tree.getMembers()) {
      if (isInitializer(member) && !isSuppressed(member, state)) {
        checkBody(state.withPath(new TreePath(state.getPath(), member)), null);
      }
    }
    return Description.NO_MATCH;
  }

  /** An initializer block, or a field (or enum constant) with an initializer. */
  private static boolean isInitializer(Tree member) {
    return member instanceof BlockTree
        || (member instanceof VariableTree field && field.getInitializer() != null);
  }

  /**
   * Analyses the body at the current path and reports on it. Never crashes the compilation: a body
   * the analysis or the report cannot handle is skipped, and nothing is invented for it (unless
   * {@link UnitAnalysis#FAIL_FAST}, which the tests set).
   */
  private Description checkBody(VisitorState state, @Nullable MethodTree method) {
    try {
      UnitAnalysis unit = UnitAnalysis.of(state);
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
