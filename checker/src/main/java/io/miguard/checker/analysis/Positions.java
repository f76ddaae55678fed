package io.miguard.checker.analysis;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import org.jspecify.annotations.Nullable;

/** Source positions of trees, for deterministic choices between witnesses. */
final class Positions {
  private Positions() {}

  /** The start position of {@code tree}, or -1 for none (a synthetic tree). */
  static int start(@Nullable Tree tree) {
    return tree == null ? -1 : ASTHelpers.getStartPosition(tree);
  }

  /** Whether {@code part} is {@code whole} or one of its subtrees. */
  static boolean contains(Tree whole, @Nullable Tree part) {
    if (part == null) {
      return false;
    }
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean scan(Tree tree, Void unused) {
            return tree == part || Boolean.TRUE.equals(super.scan(tree, unused));
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(whole, null);
    return Boolean.TRUE.equals(found);
  }

  /**
   * The earlier of two trees by start position (the first when equal), so that a choice between
   * witnesses does not depend on the order in which paths are joined.
   */
  static @Nullable Tree earlier(@Nullable Tree a, @Nullable Tree b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return start(b) < start(a) ? b : a;
  }

  /** The later of two trees by start position. */
  static @Nullable Tree later(@Nullable Tree a, @Nullable Tree b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    return start(b) > start(a) ? b : a;
  }
}
