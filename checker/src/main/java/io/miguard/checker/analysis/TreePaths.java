package io.miguard.checker.analysis;

import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreePath;
import org.jspecify.annotations.Nullable;

/**
 * Finds the path of a tree by searching the body it is most likely in before the whole unit: a
 * search from the compilation unit costs the size of the file, and a file with many findings would
 * pay it for each.
 */
public final class TreePaths {
  private TreePaths() {}

  /**
   * The path of {@code target}, searched under {@code scope} (the body being checked or analysed)
   * first, then under each method that encloses it, innermost first (a lambda's finding names trees
   * of the method it is written in), and then in the whole compilation unit; null if it is in none.
   */
  public static @Nullable TreePath find(TreePath scope, Tree target) {
    TreePath found = TreePath.getPath(scope, target);
    for (TreePath outer = scope.getParentPath();
        found == null && outer != null;
        outer = outer.getParentPath()) {
      if (outer.getLeaf() instanceof MethodTree) {
        found = TreePath.getPath(outer, target);
      }
    }
    return found != null ? found : TreePath.getPath(scope.getCompilationUnit(), target);
  }
}
