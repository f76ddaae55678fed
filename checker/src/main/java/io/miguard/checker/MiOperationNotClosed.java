package io.miguard.checker;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import io.miguard.checker.analysis.AnalysisOptions;
import io.miguard.checker.analysis.BodyAnalysis;
import io.miguard.checker.analysis.DrainState;
import io.miguard.checker.analysis.HandleCloseEvent;
import io.miguard.checker.analysis.OperationState;
import io.miguard.checker.analysis.UnitAnalysis;
import java.util.stream.Collectors;
import org.jspecify.annotations.Nullable;

/**
 * Reports an operation a body starts and does not close on some path on which the body completes
 * normally (unless it escapes to code that may close it), and a session close reached while an
 * operation the body started on that session is still open (MI rule 7: the session close waits for
 * every operation of the session). The analysis is the shared engine's; this class only reports.
 */
@AutoService(BugChecker.class)
@BugPattern(
    name = "MiOperationNotClosed",
    summary =
        "Every MI operation must be closed, on every path, before its session is closed: an open"
            + " operation makes the session close wait forever",
    severity = WARNING,
    linkType = BugPattern.LinkType.CUSTOM,
    link = "https://github.com/miguard/miguard/blob/main/docs/bugpatterns/MiOperationNotClosed.md",
    documentSuppression = true)
public final class MiOperationNotClosed extends OperationBodyChecker {
  @Override
  AnalysisOptions options() {
    return AnalysisOptions.DEFAULT;
  }

  @Override
  void report(
      BodyAnalysis analysis, UnitAnalysis unit, @Nullable MethodTree method, VisitorState state) {
    for (OperationState operation : analysis.unclosedAtNormalExit()) {
      Tree start = operation.startedAt();
      if (start != null) {
        state.reportMatch(
            buildDescription(start).setMessage(unclosedMessage(operation, state)).build());
      }
    }
    for (HandleCloseEvent close : analysis.handleCloses()) {
      if (close.role() == HandleCloseEvent.Role.SESSION && !close.openOperations().isEmpty()) {
        state.reportMatch(
            buildDescription(close.reportTree())
                .setMessage(sessionCloseMessage(close, state))
                .build());
      }
    }
  }

  private static String unclosedMessage(OperationState operation, VisitorState state) {
    DrainState closed = operation.closed();
    StringBuilder message = new StringBuilder("The operation started here ");
    if (closed.kind() == DrainState.Kind.NO) {
      message.append("is not closed on any path on which the method completes normally");
    } else {
      message.append("may be left open: ");
      message.append(
          closed.witness() != null
              ? "the path through line " + Lines.of(closed.witness(), state) + " does not close it"
              : "some path on which the method completes normally does not close it");
    }
    return message
        .append(". An open operation makes its session's close wait forever (MI rule 7): close it")
        .append(" on every path, with try-with-resources or in a finally block.")
        .toString();
  }

  private static String sessionCloseMessage(HandleCloseEvent close, VisitorState state) {
    String lines =
        close.openOperations().stream()
            .map(operation -> Lines.of(operation.startedAt(), state))
            .distinct()
            .collect(Collectors.joining(", "));
    boolean one = close.openOperations().size() == 1;
    return "Session '"
        + close.name()
        + "' is closed here while "
        + (one ? "the operation" : "the operations")
        + " started on it on line"
        + (one ? " " : "s ")
        + lines
        + (one ? " is" : " are")
        + " still open on some path: the session close waits for every operation of the session"
        + " (MI rule 7). Close "
        + (one ? "it" : "them")
        + " before the session.";
  }
}
