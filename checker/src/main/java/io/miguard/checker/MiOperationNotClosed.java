package io.miguard.checker;

import static com.google.errorprone.BugPattern.SeverityLevel.WARNING;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
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
import io.miguard.checker.sarif.Related;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import javax.inject.Inject;
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
    link = ProjectLinks.BUG_PATTERNS + "MiOperationNotClosed.md",
    documentSuppression = true)
public final class MiOperationNotClosed extends OperationBodyChecker {

  /** The check with no flags. */
  public MiOperationNotClosed() {
    this(ErrorProneFlags.empty());
  }

  /** The check configured by the compilation's {@code -XepOpt:Miguard:...} flags. */
  @Inject
  public MiOperationNotClosed(ErrorProneFlags flags) {
    super(flags);
  }

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
        List<Related> related = new ArrayList<>();
        if (operation.closed().witness() != null) {
          related.add(
              new Related(
                  operation.closed().witness(), "The path through this line does not close it."));
        }
        reportFinding(state, start, unclosedMessage(operation, state), related, null);
      }
    }
    for (HandleCloseEvent close : analysis.handleCloses()) {
      if (close.role() == HandleCloseEvent.Role.SESSION && !close.openOperations().isEmpty()) {
        List<Related> related = new ArrayList<>();
        for (OperationState open : close.openOperations()) {
          if (open.startedAt() != null) {
            related.add(new Related(open.startedAt(), "This operation may still be open."));
          }
        }
        reportFinding(state, close.reportTree(), sessionCloseMessage(close, state), related, null);
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
