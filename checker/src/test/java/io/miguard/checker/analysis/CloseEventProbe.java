package io.miguard.checker.analysis;

import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.bugpatterns.BugChecker.LambdaExpressionTreeMatcher;
import com.google.errorprone.bugpatterns.BugChecker.MethodTreeMatcher;
import com.google.errorprone.matchers.Description;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;

/**
 * A test-only check that reports every close event of the engine with what it knows about the
 * security context, so that engine tests can assert it with {@code // BUG: Diagnostic contains:}.
 */
@BugPattern(
    summary = "Reports the engine's close events (tests only)",
    severity = BugPattern.SeverityLevel.WARNING)
public final class CloseEventProbe extends BugChecker
    implements MethodTreeMatcher, LambdaExpressionTreeMatcher {
  /** An analysis failure fails the test. */
  static final MiguardFlags FAIL_FAST =
      new MiguardFlags(true, false, null, null, null, StatementChunking.DEFAULT, true);

  @Override
  public Description matchMethod(MethodTree tree, VisitorState state) {
    return probe(state);
  }

  @Override
  public Description matchLambdaExpression(LambdaExpressionTree tree, VisitorState state) {
    return probe(state);
  }

  private Description probe(VisitorState state) {
    BodyAnalysis analysis = UnitAnalysis.of(state, FAIL_FAST).analyse(state.getPath());
    if (analysis == null) {
      return Description.NO_MATCH;
    }
    for (CloseEvent event : analysis.closeEvents()) {
      OperationState operation = event.state(false);
      ContextStack context = event.context(false);
      if (operation == null || context == null) {
        continue;
      }
      String message =
          "close "
              + event.operationName()
              + " kind="
              + event.kind()
              + " entry="
              + analysis.entry().kind()
              + " at="
              + describe(context)
              + " started="
              + describe(operation.startedIn())
              + " compare="
              + operation.startedIn().compareTo(context);
      state.reportMatch(buildDescription(event.reportTree()).setMessage(message).build());
    }
    return Description.NO_MATCH;
  }

  private static String describe(ContextStack stack) {
    if (stack.isConflict()) {
      return "CONFLICT";
    }
    ContextEntry top = stack.top();
    return top.kind() + (top.identity() == null ? "" : "(" + top.identity().describe() + ")");
  }
}
