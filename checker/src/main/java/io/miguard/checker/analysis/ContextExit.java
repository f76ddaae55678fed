package io.miguard.checker.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import org.jspecify.annotations.Nullable;

/**
 * Where, in the source before a close, the impersonation an operation was started in ended: the end
 * of the try-with-resources that entered it, or the last explicit call of its scope's
 * {@code @LeavesSecurityContext} method. It names the line where a close's foreign context begins,
 * and tells a fix where the close belongs.
 *
 * @param tree the {@link TryTree} whose resource entered the impersonation, or the leaving call
 * @param scope the declaration of the scope variable (the try resource or the local)
 */
public record ContextExit(Kind kind, Tree tree, VariableTree scope) {
  /** How the impersonation ended. */
  public enum Kind {
    /** At the end of the try-with-resources statement whose resource entered it. */
    END_OF_TRY,
    /** By an explicit call of the scope's leaving method. */
    LEAVING_CALL
  }

  /**
   * How the impersonation entered by {@code enteringCall} ended before {@code close}, in source
   * order; null if the entering call's scope is not kept in a variable, or no end of it precedes
   * the close.
   */
  public static @Nullable ContextExit before(
      Tree enteringCall, Tree close, ProtocolModel model, VisitorState state) {
    TreePath callPath = TreePaths.find(state.getPath(), enteringCall);
    if (callPath == null) {
      return null;
    }
    TreePath parent = callPath.getParentPath();
    while (parent != null
        && (parent.getLeaf() instanceof ParenthesizedTree
            || parent.getLeaf() instanceof TypeCastTree)) {
      parent = parent.getParentPath();
    }
    if (parent == null || !(parent.getLeaf() instanceof VariableTree scope)) {
      return null;
    }
    int closeStart = ASTHelpers.getStartPosition(close);
    Tree owner = parent.getParentPath().getLeaf();
    if (owner instanceof TryTree tryTree && tryTree.getResources().contains(scope)) {
      return state.getEndPosition(tryTree) <= closeStart
          ? new ContextExit(Kind.END_OF_TRY, tryTree, scope)
          : null;
    }
    // The scope variable is visible in the block that declares it, and nowhere else.
    MethodInvocationTree leaving =
        lastLeavingCall(scope, closeStart, parent.getParentPath(), model);
    return leaving == null ? null : new ContextExit(Kind.LEAVING_CALL, leaving, scope);
  }

  private static @Nullable MethodInvocationTree lastLeavingCall(
      VariableTree scope, int before, TreePath block, ProtocolModel model) {
    Symbol variable = ASTHelpers.getSymbol(scope);
    MethodInvocationTree[] last = {null};
    new TreePathScanner<Void, Void>() {
      @Override
      public Void visitMethodInvocation(MethodInvocationTree tree, Void unused) {
        ExpressionTree receiver = ASTHelpers.getReceiver(tree);
        if (receiver != null
            && variable != null
            && ASTHelpers.getSymbol(receiver) == variable
            && (Symbol) ASTHelpers.getSymbol(tree) instanceof MethodSymbol method
            && model.leavesSecurityContext(method)
            && ASTHelpers.getStartPosition(tree) < before
            && (last[0] == null
                || ASTHelpers.getStartPosition(tree) > ASTHelpers.getStartPosition(last[0]))) {
          last[0] = tree;
        }
        return super.visitMethodInvocation(tree, unused);
      }
    }.scan(block, null);
    return last[0];
  }
}
