package io.miguard.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
import io.miguard.checker.analysis.BodyAnalysis;
import io.miguard.checker.analysis.DrainState;
import io.miguard.checker.analysis.OperationState;
import io.miguard.checker.analysis.ProtocolModel;
import io.miguard.checker.sarif.Related;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * The second half of MiCloseBeforeDrain: a method that declares it drains an operation
 * ({@code @DrainsResults}) must drain it on every path on which it returns normally, since its
 * callers count the call as a drain.
 */
final class DrainsResultsVerification {
  private DrainsResultsVerification() {}

  static void verify(
      OperationBodyChecker check,
      MethodTree method,
      BodyAnalysis analysis,
      ProtocolModel model,
      VisitorState state) {
    MethodSymbol symbol = ASTHelpers.getSymbol(method);
    List<? extends VariableTree> parameters = method.getParameters();
    for (int i = 0; i < parameters.size(); i++) {
      if (!model.drainsParameter(symbol, i)) {
        continue;
      }
      VarSymbol parameter = ASTHelpers.getSymbol(parameters.get(i));
      OperationState atExit = analysis.parameterAtNormalExit(parameter);
      if (atExit != null && !atExit.escaped() && !atExit.drainedAsMulti().isDrained()) {
        report(
            check,
            parameters.get(i),
            "@DrainsResults parameter '" + parameter.getSimpleName() + "'",
            symbol,
            atExit.drainedAsMulti(),
            analysis,
            state);
      }
    }
    if (model.drainsReceiver(symbol)) {
      OperationState atExit = analysis.receiverAtNormalExit();
      // Only a body that drains its receiver on some paths is held to all of them: a wrapper that
      // delegates to an operation it holds never touches its receiver's results.
      if (atExit != null
          && !atExit.escaped()
          && atExit.drainedAsMulti().kind() == DrainState.Kind.MAYBE_NOT) {
        report(check, method, "The receiver", symbol, atExit.drainedAsMulti(), analysis, state);
      }
    }
  }

  private static void report(
      OperationBodyChecker check,
      Tree where,
      String what,
      MethodSymbol method,
      DrainState drained,
      BodyAnalysis analysis,
      VisitorState state) {
    @Nullable Tree witness =
        drained.kind() == DrainState.Kind.MAYBE_NOT
            ? drained.witness()
            : analysis.lastStepAtNormalExit();
    String message =
        what
            + " of "
            + method.getSimpleName()
            + "() is not drained on every normal path"
            + (witness == null
                ? ""
                : ": the path through line " + Lines.of(witness, state) + " returns undrained")
            + ". Callers count a call of "
            + method.getSimpleName()
            + "() as a drain; retrieve results until moreResults() is false on every path.";
    List<Related> related =
        witness == null
            ? List.of()
            : List.of(new Related(witness, "The path through this line returns undrained."));
    check.reportFinding(state, where, message, related, null);
  }
}
