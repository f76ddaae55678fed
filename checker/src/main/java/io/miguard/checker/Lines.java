package io.miguard.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.Tree;
import io.miguard.checker.analysis.SourceText;
import org.jspecify.annotations.Nullable;

/** Line numbers and indentation of trees, for diagnostics and fixes. */
final class Lines {
  private Lines() {}

  /** The 1-based line of {@code tree}'s start, or "?" if it has no position. */
  static String of(@Nullable Tree tree, VisitorState state) {
    int position = tree == null ? -1 : ASTHelpers.getStartPosition(tree);
    if (position < 0) {
      return "?";
    }
    return Long.toString(state.getPath().getCompilationUnit().getLineMap().getLineNumber(position));
  }

  /** The whitespace before {@code tree} on its line (see {@link SourceText#indentationOf}). */
  static String indentationOf(Tree tree, VisitorState state) {
    return SourceText.indentationOf(tree, state);
  }
}
