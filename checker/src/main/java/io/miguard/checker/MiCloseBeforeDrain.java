package io.miguard.checker;

import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.google.errorprone.fixes.SuggestedFix;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import io.miguard.checker.analysis.AnalysisOptions;
import io.miguard.checker.analysis.BodyAnalysis;
import io.miguard.checker.analysis.CloseEvent;
import io.miguard.checker.analysis.ClosePath;
import io.miguard.checker.analysis.DrainState;
import io.miguard.checker.analysis.OperationState;
import io.miguard.checker.analysis.ProtocolModel;
import io.miguard.checker.analysis.ProtocolModel.Results;
import io.miguard.checker.analysis.ProtocolModel.StartSpec;
import io.miguard.checker.analysis.ProtocolModel.Synchrony;
import io.miguard.checker.analysis.TreePaths;
import io.miguard.checker.analysis.UnitAnalysis;
import io.miguard.checker.sarif.Related;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.jspecify.annotations.Nullable;

/**
 * Reports a close of a synchronous MI operation that is reachable on a path on which the
 * operation's final result has not been retrieved, and a {@code @DrainsResults} method that does
 * not drain its operation on every normal path. The analysis is the shared {@code
 * io.miguard.checker.analysis} engine; this class only decides what to report and how.
 */
@AutoService(BugChecker.class)
@BugPattern(
    name = "MiCloseBeforeDrain",
    summary =
        "A synchronous MI operation must have its final result retrieved (moreResults false)"
            + " before it is closed, even after cancel",
    severity = ERROR,
    linkType = BugPattern.LinkType.CUSTOM,
    link = ProjectLinks.BUG_PATTERNS + "MiCloseBeforeDrain.md",
    documentSuppression = true)
public final class MiCloseBeforeDrain extends OperationBodyChecker {
  private final AnalysisOptions options;

  /** The check with default options. */
  public MiCloseBeforeDrain() {
    this(ErrorProneFlags.empty());
  }

  /**
   * The check configured by {@code -XepOpt:MiCloseBeforeDrain:ExceptionalPaths=true}, which also
   * reports closes on paths where an uncaught exception unwinds through them.
   */
  @Inject
  public MiCloseBeforeDrain(ErrorProneFlags flags) {
    super(flags);
    this.options =
        new AnalysisOptions(flags.getBoolean("MiCloseBeforeDrain:ExceptionalPaths").orElse(false));
  }

  @Override
  AnalysisOptions options() {
    return options;
  }

  /** Reports the faulty closes of the body and, for a method, its broken promises to drain. */
  @Override
  void report(
      BodyAnalysis analysis, UnitAnalysis unit, @Nullable MethodTree method, VisitorState state) {
    reportCloses(analysis, state);
    if (method != null) {
      DrainsResultsVerification.verify(this, method, analysis, unit.model(), state);
    }
  }

  // ---- closes ----

  private void reportCloses(BodyAnalysis analysis, VisitorState state) {
    for (CloseEvent event : analysis.closeEvents()) {
      Finding finding = findUndrained(event, analysis);
      if (finding != null) {
        report(event, finding, state);
      }
    }
  }

  /**
   * What is wrong with a close: an undrained path (the earliest witness among them), and whether no
   * path drains at all.
   */
  private record Finding(OperationState operation, @Nullable Tree witness, boolean neverDrained) {}

  private @Nullable Finding findUndrained(CloseEvent event, BodyAnalysis analysis) {
    List<ClosePath> paths = options.exceptionalPaths() ? event.paths() : event.normalPaths();
    OperationState undrained = null;
    Tree witness = null;
    boolean someDrained = false;
    for (ClosePath path : paths) {
      OperationState operation = path.operation();
      if (operation == null || !reportable(operation)) {
        continue;
      }
      DrainState drained = operation.drained();
      switch (drained.kind()) {
        case YES -> someDrained = true;
        case NO, MAYBE_NOT -> {
          someDrained |= drained.kind() == DrainState.Kind.MAYBE_NOT;
          Tree pathWitness =
              drained.kind() == DrainState.Kind.MAYBE_NOT ? drained.witness() : path.lastStep();
          if (undrained == null || earlier(pathWitness, witness)) {
            undrained = operation;
            witness = pathWitness;
          }
        }
      }
    }
    return undrained == null ? null : new Finding(undrained, witness, !someDrained);
  }

  /**
   * Only what the analysis proves: a synchronous operation it has followed from its start, not
   * escaped to code it cannot see, and (in a nested body) not captured from a body that may have
   * changed it since. A nested body that runs right away ({@code @RunsAs}) captures nothing, but
   * one inside code that runs later keeps what that code captured.
   */
  private static boolean reportable(OperationState operation) {
    return operation.synchrony() == Synchrony.SYNC && !operation.escaped() && !operation.captured();
  }

  private static boolean earlier(@Nullable Tree a, @Nullable Tree b) {
    if (a == null) {
      return false;
    }
    return b == null || ASTHelpers.getStartPosition(a) < ASTHelpers.getStartPosition(b);
  }

  private void report(CloseEvent event, Finding finding, VisitorState state) {
    OperationState operation = finding.operation();
    StringBuilder message = new StringBuilder();
    message
        .append("Operation '")
        .append(event.operationName())
        .append("' (started on line ")
        .append(Lines.of(operation.startedAt(), state))
        .append(finding.neverDrained() ? ") is closed" : ") may be closed")
        .append(" before its final result is retrieved");
    if (finding.witness() != null) {
      message
          .append(": the path through line ")
          .append(Lines.of(finding.witness(), state))
          .append(" reaches this close undrained");
    } else if (finding.neverDrained()) {
      message.append(": no path to this close drains it");
    }
    message.append('.');
    if (operation.cancelledAt() != null) {
      message
          .append(" The cancel on line ")
          .append(Lines.of(operation.cancelledAt(), state))
          .append(" does not drain it.");
    }
    if (finding.neverDrained()
        && operation.results() == Results.MULTIPLE
        && operation.drainedAsSingle().isDrained()
        && !operation.drainedAsMulti().isDrained()) {
      // Results were read (once or in a loop) but the path never saw moreResults() false.
      message.append(
          " Results are retrieved, but a multi-result operation is drained only when"
              + " moreResults() is false.");
    }
    message.append(
        " Retrieve results until moreResults() is false (or drain it) on every path before the"
            + " close.");
    List<Related> related = new ArrayList<>();
    if (finding.witness() != null) {
      related.add(
          new Related(
              finding.witness(), "The path through this line reaches the close undrained."));
    }
    if (operation.startedAt() != null) {
      related.add(new Related(operation.startedAt(), "The operation is started here."));
    }
    if (operation.cancelledAt() != null) {
      related.add(new Related(operation.cancelledAt(), "This cancel does not drain it."));
    }
    SuggestedFix fix = finding.neverDrained() ? drainFix(event, operation, state) : null;
    reportFinding(state, event.reportTree(), message.toString(), related, fix);
  }

  /**
   * The drain method the start call names ({@code @StartsOperation(drainWith = ...)}), else the
   * handle type's first; null if the named one is not a drain method of the handle.
   */
  private static @Nullable MethodSymbol drainMethodFor(
      OperationState operation, List<MethodSymbol> drains, ProtocolModel model) {
    String named = "";
    if (operation.startedAt() instanceof MethodInvocationTree start) {
      StartSpec spec = model.startsOperation(ASTHelpers.getSymbol(start));
      named = spec == null ? "" : spec.drainWith();
    }
    for (MethodSymbol drain : drains) {
      if (named.isEmpty() || drain.getSimpleName().contentEquals(named)) {
        return drain;
      }
    }
    return null;
  }

  /**
   * Inserts a drain before an explicit close of a multi-result operation that no path drains: the
   * handle type's first no-argument {@code @DrainsResults} method, called on the closed receiver.
   */
  private @Nullable SuggestedFix drainFix(
      CloseEvent event, OperationState operation, VisitorState state) {
    if (event.kind() != CloseEvent.Kind.EXPLICIT
        || operation.results() != Results.MULTIPLE
        || !(event.reportTree() instanceof MethodInvocationTree call)
        || !(call.getMethodSelect() instanceof MemberSelectTree select)) {
      return null;
    }
    TreePath callPath = TreePaths.find(state.getPath(), call);
    if (callPath == null
        || !(callPath.getParentPath().getLeaf() instanceof ExpressionStatementTree statement)) {
      return null;
    }
    Type receiverType = ASTHelpers.getType(select.getExpression());
    if (receiverType == null) {
      return null;
    }
    ProtocolModel model = UnitAnalysis.of(state, options, flags()).model();
    MethodSymbol drainMethod =
        drainMethodFor(operation, model.receiverDrainMethods(receiverType.tsym), model);
    String receiver = state.getSourceForNode(select.getExpression());
    if (drainMethod == null || receiver == null) {
      return null;
    }
    String drain = receiver + "." + drainMethod.getSimpleName() + "();";
    return SuggestedFix.prefixWith(statement, drain + "\n" + Lines.indentationOf(statement, state));
  }
}
