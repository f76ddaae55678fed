package io.miguard.checker;

import static com.google.errorprone.BugPattern.SeverityLevel.ERROR;

import com.google.auto.service.AutoService;
import com.google.errorprone.BugPattern;
import com.google.errorprone.ErrorProneFlags;
import com.google.errorprone.VisitorState;
import com.google.errorprone.bugpatterns.BugChecker;
import com.sun.source.tree.MethodTree;
import io.miguard.checker.analysis.AnalysisOptions;
import io.miguard.checker.analysis.BodyAnalysis;
import io.miguard.checker.analysis.OperationState;
import io.miguard.checker.analysis.ProtocolModel.Synchrony;
import io.miguard.checker.analysis.RetrievalEvent;
import io.miguard.checker.analysis.UnitAnalysis;
import io.miguard.checker.sarif.Related;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import org.jspecify.annotations.Nullable;

/**
 * Reports a retrieval (a {@code @RetrievesResult} call, a drain, a {@code @DrainedByIteration}
 * call) from an operation that was started asynchronously on every path to it: its results go to
 * its callbacks, and MI refuses the retrieval (rule 3). An operation whose callbacks argument the
 * analysis cannot prove null or non-null is not judged.
 */
@AutoService(BugChecker.class)
@BugPattern(
    name = "MiRetrievalOnAsyncOperation",
    summary =
        "Results of an MI operation started with callbacks are delivered to the callbacks; a"
            + " retrieval from it is refused",
    severity = ERROR,
    linkType = BugPattern.LinkType.CUSTOM,
    link = ProjectLinks.BUG_PATTERNS + "MiRetrievalOnAsyncOperation.md",
    documentSuppression = true)
public final class MiRetrievalOnAsyncOperation extends OperationBodyChecker {

  /** The check with no flags. */
  public MiRetrievalOnAsyncOperation() {
    this(ErrorProneFlags.empty());
  }

  /** The check configured by the compilation's {@code -XepOpt:Miguard:...} flags. */
  @Inject
  public MiRetrievalOnAsyncOperation(ErrorProneFlags flags) {
    super(flags);
  }

  @Override
  AnalysisOptions options() {
    return AnalysisOptions.DEFAULT;
  }

  @Override
  void report(
      BodyAnalysis analysis, UnitAnalysis unit, @Nullable MethodTree method, VisitorState state) {
    for (RetrievalEvent retrieval : analysis.retrievals()) {
      OperationState operation = retrieval.operation();
      if (operation != null && operation.synchrony() == Synchrony.ASYNC) {
        List<Related> related = new ArrayList<>();
        if (operation.startedAt() != null) {
          related.add(
              new Related(operation.startedAt(), "The operation is started with callbacks here."));
        }
        reportFinding(
            state,
            retrieval.tree(),
            "This retrieves results from an operation started asynchronously on line "
                + Lines.of(operation.startedAt(), state)
                + " (with callbacks): MI delivers its results to the callbacks and refuses"
                + " a retrieval (rule 3). Read the results in the callbacks, or start the"
                + " operation without callbacks.",
            related,
            null);
      }
    }
  }
}
