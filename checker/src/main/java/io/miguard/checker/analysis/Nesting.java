package io.miguard.checker.analysis;

import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Where a nested body (a lambda, or a member of an anonymous or local class) is created, read from
 * the source alone.
 *
 * @param nested the tree whose creation the enclosing body records: the lambda, or the class body
 * @param enclosingBody the path to the body that creates it
 * @param handOff the call or constructor the nested body is passed to directly, or null
 */
record Nesting(Tree nested, TreePath enclosingBody, @Nullable HandOff handOff) {

  /** A call, and the index of the argument through which code is handed to it. */
  record HandOff(Tree call, int index) {}

  /** The nesting of the body at {@code path}, or null for a body entered by its callers. */
  static @Nullable Nesting of(TreePath path) {
    TreePath created;
    Tree nested;
    if (path.getLeaf() instanceof LambdaExpressionTree) {
      created = path;
      nested = path.getLeaf();
    } else {
      TreePath classPath = path.getParentPath();
      if (classPath == null || !(classPath.getLeaf() instanceof ClassTree)) {
        return null;
      }
      TreePath outer = classPath.getParentPath();
      if (outer == null
          || outer.getLeaf() instanceof ClassTree
          || outer.getLeaf() instanceof CompilationUnitTree) {
        return null; // a member or top-level class: its members are entered by their callers
      }
      nested = classPath.getLeaf();
      created = outer.getLeaf() instanceof NewClassTree ? outer : classPath;
    }
    TreePath enclosing = enclosingBody(created.getParentPath());
    return enclosing == null ? null : new Nesting(nested, enclosing, handOffOf(created, nested));
  }

  /**
   * The call that receives the code created at {@code created} directly as an argument (through
   * parentheses and casts), or null.
   */
  static @Nullable HandOff handOffOf(TreePath created, Tree nested) {
    TreePath argument = created;
    TreePath parent = created.getParentPath();
    while (parent != null
        && (parent.getLeaf() instanceof ParenthesizedTree
            || parent.getLeaf() instanceof TypeCastTree)) {
      argument = parent;
      parent = parent.getParentPath();
    }
    if (parent == null) {
      return null;
    }
    List<? extends ExpressionTree> arguments = null;
    if (parent.getLeaf() instanceof MethodInvocationTree call) {
      arguments = call.getArguments();
    } else if (parent.getLeaf() instanceof NewClassTree construction
        && construction.getClassBody() != nested) {
      arguments = construction.getArguments();
    }
    int index = arguments == null ? -1 : arguments.indexOf(argument.getLeaf());
    return index < 0 ? null : new HandOff(parent.getLeaf(), index);
  }

  /** The nearest body that contains {@code path}: a method, lambda, initializer or field. */
  private static @Nullable TreePath enclosingBody(@Nullable TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree || leaf instanceof LambdaExpressionTree) {
        return p;
      }
      TreePath parent = p.getParentPath();
      if (parent != null
          && parent.getLeaf() instanceof ClassTree
          && (leaf instanceof BlockTree || leaf instanceof VariableTree)) {
        return p;
      }
      if (leaf instanceof ClassTree) {
        return null;
      }
    }
    return null;
  }
}
