package io.miguard.checker;

import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.ClassTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.LambdaExpressionTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.fixes.Fix;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import io.miguard.checker.analysis.BodyAnalysis;
import io.miguard.checker.analysis.MiguardFlags;
import io.miguard.checker.analysis.SkippedBodies;
import io.miguard.checker.analysis.UnitAnalysis;
import io.miguard.checker.sarif.Related;
import io.miguard.checker.sarif.SarifLog;
import java.util.List;
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

  /** The compilation's {@code -XepOpt:Miguard:...} flags. */
  private final MiguardFlags flags;

  private final boolean exceptionalPaths;

  /**
   * Reads the compilation's {@code -XepOpt:Miguard:...} flags, and the check's {@code
   * -XepOpt:<check name>:ExceptionalPaths=true}: whether it also reports the paths the analysis
   * records as exceptional only (see the analysis's {@code ExceptionalEdges}).
   */
  OperationBodyChecker(ErrorProneFlags flags) {
    this.flags = MiguardFlags.from(flags);
    this.exceptionalPaths = flags.getBoolean(canonicalName() + ":ExceptionalPaths").orElse(false);
  }

  /** The compilation's {@code -XepOpt:Miguard:...} flags. */
  final MiguardFlags flags() {
    return flags;
  }

  /** Whether the check reports exceptional-only paths too ({@code ExceptionalPaths=true}). */
  final boolean exceptionalPaths() {
    return exceptionalPaths;
  }

  /**
   * Reports what the check finds in one analysed body (through {@link #reportFinding}).
   *
   * @param method the method or constructor, or null for a lambda or initializer
   */
  abstract void report(
      BodyAnalysis analysis, UnitAnalysis unit, @Nullable MethodTree method, VisitorState state);

  /**
   * Reports one finding of this check: the one place where miguard's checks report. It reports the
   * diagnostic to Error Prone ({@link VisitorState#reportMatch}) and records the finding in the
   * compilation's SARIF log when {@code -XepOpt:Miguard:SarifFile} asks for one.
   *
   * @param where the tree the diagnostic points at
   * @param message the diagnostic's message
   * @param related the other places the finding refers to (the line through which the faulty path
   *     runs, where the operation started), most telling first; SARIF related locations
   * @param fix the suggested fix, or null
   */
  final void reportFinding(
      VisitorState state, Tree where, String message, List<Related> related, @Nullable Fix fix) {
    Description.Builder description = buildDescription(where).setMessage(message);
    if (fix != null) {
      description.addFix(fix);
    }
    state.reportMatch(description.build());
    SarifLog log = SarifLog.of(state);
    if (log.enabled()) {
      try {
        log.add(this, state, where, message, related, fix);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot record the finding in the SARIF log", e);
      }
    }
  }

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
    // Lists the check in the SARIF log (if one is written) whether or not it finds anything.
    try {
      SarifLog.of(state).ruleRan(this);
    } catch (Throwable failure) {
      if (flags.failFast() || !SkippedBodies.mayContinueAfter(failure)) {
        throw failure;
      }
      SkippedBodies.instance(state.context).failed(state.getPath(), failure);
    }
    if (!namesHandles(state)) {
      return Description.NO_MATCH;
    }
    for (Tree member : tree.getMembers()) {
      if (isInitializer(member) && !isSuppressed(member, state)) {
        checkBody(state.withPath(new TreePath(state.getPath(), member)), null);
      }
    }
    return Description.NO_MATCH;
  }

  /**
   * Whether the unit of {@code state} names a handle type at all (most units of most builds do not:
   * then no member of a class needs a look); a failure here is left to {@link #checkBody}.
   */
  private boolean namesHandles(VisitorState state) {
    try {
      return UnitAnalysis.of(state, flags).namesHandles();
    } catch (RuntimeException | LinkageError failure) {
      return true;
    }
  }

  /** An initializer block, or a field (or enum constant) with an initializer. */
  private static boolean isInitializer(Tree member) {
    return member instanceof BlockTree
        || (member instanceof VariableTree field && field.getInitializer() != null);
  }

  /**
   * Analyses the body at the current path and reports on it. Never crashes the compilation: a body
   * the analysis or the report fails on is skipped, nothing is invented for it, and one warning
   * names it and the failure ({@link SkippedBodies}); unless {@link MiguardFlags#failFast()}, which
   * miguard's tests set, or the JVM itself is failing ({@link SkippedBodies#mayContinueAfter}).
   */
  private Description checkBody(VisitorState state, @Nullable MethodTree method) {
    try {
      UnitAnalysis unit = UnitAnalysis.of(state, flags);
      if (!unit.namesHandles()) {
        return Description.NO_MATCH;
      }
      if (!exceptionalPaths && unit.provenSilent(state.getPath())) {
        return Description.NO_MATCH;
      }
      BodyAnalysis analysis = unit.analyse(state.getPath());
      if (analysis != null) {
        report(analysis, unit, method, state);
      }
    } catch (Throwable failure) {
      if (flags.failFast() || !SkippedBodies.mayContinueAfter(failure)) {
        throw failure;
      }
      SkippedBodies.instance(state.context).failed(state.getPath(), failure);
    }
    return Description.NO_MATCH;
  }
}
