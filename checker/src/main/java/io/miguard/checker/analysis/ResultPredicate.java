package io.miguard.checker.analysis;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.UnaryTree;
import com.sun.tools.javac.code.Symbol;
import org.jspecify.annotations.Nullable;

/**
 * A boolean helper whose whole body is {@code return r.moreResults();} (or its negation) for a
 * result parameter {@code r}: a call to it is that accessor, so that {@code while (hasMore(r))} and
 * {@code if (isLast(r)) break;} drain on their "no more results" edge as the accessor itself does.
 * Read from the source alone: the helper never mentions an operation handle, so it has no analysis.
 *
 * @param parameter the index of the result parameter
 * @param moreWhen the value the helper returns when more results follow
 */
record ResultPredicate(int parameter, boolean moreWhen) {

  /** The predicate {@code method} is, or null if its body is anything else. */
  static @Nullable ResultPredicate of(MethodTree method, ProtocolModel model) {
    BlockTree body = method.getBody();
    if (body == null
        || body.getStatements().size() != 1
        || !(body.getStatements().get(0) instanceof ReturnTree returned)
        || returned.getExpression() == null) {
      return null;
    }
    ExpressionTree expression = returned.getExpression();
    boolean moreWhen = true;
    while (true) {
      if (expression instanceof ParenthesizedTree parenthesized) {
        expression = parenthesized.getExpression();
      } else if (expression.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
        expression = ((UnaryTree) expression).getExpression();
        moreWhen = !moreWhen;
      } else {
        break;
      }
    }
    if (!(expression instanceof MethodInvocationTree call)
        || !model.isMoreResultsAccessor(ASTHelpers.getSymbol(call))
        || !(ASTHelpers.getReceiver(call) instanceof IdentifierTree receiver)) {
      return null;
    }
    Symbol target = ASTHelpers.getSymbol(receiver);
    for (int i = 0; i < method.getParameters().size(); i++) {
      if (ASTHelpers.getSymbol(method.getParameters().get(i)).equals(target)) {
        return new ResultPredicate(i, moreWhen);
      }
    }
    return null;
  }
}
