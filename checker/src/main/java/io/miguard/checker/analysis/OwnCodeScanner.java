package io.miguard.checker.analysis;

import com.sun.source.tree.ClassTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.util.TreeScanner;
import org.jspecify.annotations.Nullable;

/**
 * A scanner of one body's own code: the lambdas and classes nested in it are bodies of their own
 * (they run when and where their creator hands them), so it does not enter them.
 */
abstract class OwnCodeScanner<R, P> extends TreeScanner<R, P> {
  @Override
  public @Nullable R visitLambdaExpression(LambdaExpressionTree lambda, P p) {
    return null;
  }

  @Override
  public @Nullable R visitClass(ClassTree nested, P p) {
    return null;
  }
}
