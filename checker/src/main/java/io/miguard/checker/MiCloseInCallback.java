package io.miguard.checker;

import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import io.miguard.checker.analysis.AnalysisOptions;
import io.miguard.checker.analysis.BodyAnalysis;
import io.miguard.checker.analysis.HandleCloseEvent;
import io.miguard.checker.analysis.ProtocolModel;
import io.miguard.checker.analysis.UnitAnalysis;
import java.util.List;
import javax.inject.Inject;
import org.jspecify.annotations.Nullable;

/**
 * Reports a close of the application ({@code @ClosesApplication}) or of a session
 * ({@code @ClosesSession}) in the body of a callback: a method that implements a method of an
 * {@code @OperationCallbacks} type, or a lambda whose type is one. MI runs callbacks on its own
 * thread and waits for them in those closes, so a close from there deadlocks (MI rule 7). Code the
 * callback hands to another thread (a nested lambda or class) is its own body and is not judged.
 */
@AutoService(BugChecker.class)
@BugPattern(
    name = "MiCloseInCallback",
    summary =
        "Closing the MI application or a session inside an operation callback deadlocks: the close"
            + " waits for the callback that runs it",
    severity = ERROR,
    linkType = BugPattern.LinkType.CUSTOM,
    link = ProjectLinks.BUG_PATTERNS + "MiCloseInCallback.md",
    documentSuppression = true)
public final class MiCloseInCallback extends OperationBodyChecker {

  /** The check with no flags. */
  public MiCloseInCallback() {
    this(ErrorProneFlags.empty());
  }

  /** The check configured by the compilation's {@code -XepOpt:Miguard:...} flags. */
  @Inject
  public MiCloseInCallback(ErrorProneFlags flags) {
    super(flags);
  }

  @Override
  AnalysisOptions options() {
    return AnalysisOptions.DEFAULT;
  }

  @Override
  void report(
      BodyAnalysis analysis, UnitAnalysis unit, @Nullable MethodTree method, VisitorState state) {
    if (analysis.handleCloses().isEmpty() || !isCallback(analysis, method, unit.model())) {
      return;
    }
    for (HandleCloseEvent close : analysis.handleCloses()) {
      boolean application = close.role() == HandleCloseEvent.Role.APPLICATION;
      reportFinding(
          state,
          close.reportTree(),
          (application ? "The application '" : "Session '")
              + close.name()
              + "' is closed inside an operation callback, on MI's callback thread: the"
              + " close waits for running callbacks, this one included, and never returns"
              + " (MI rule 7). Signal another thread to close it after the operation"
              + " completes.",
          List.of(),
          null);
    }
  }

  /** A method that implements a callbacks method, or a lambda of a callbacks type. */
  private static boolean isCallback(
      BodyAnalysis analysis, @Nullable MethodTree method, ProtocolModel model) {
    if (method != null) {
      MethodSymbol symbol = ASTHelpers.getSymbol(method);
      return symbol != null && model.isCallbackMethod(symbol);
    }
    return analysis.path().getLeaf() instanceof LambdaExpressionTree lambda
        && model.isCallbacksType((Type) ASTHelpers.getType(lambda));
  }
}
