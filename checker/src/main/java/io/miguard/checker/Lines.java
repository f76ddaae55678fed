package io.miguard.checker;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.Tree;
import java.io.IOException;
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

  /** The whitespace before {@code tree} on its line (empty if code precedes it there). */
  static String indentationOf(Tree tree, VisitorState state) {
    int position = ASTHelpers.getStartPosition(tree);
    CharSequence source;
    try {
      source = state.getPath().getCompilationUnit().getSourceFile().getCharContent(false);
    } catch (IOException e) {
      return "";
    }
    int lineStart = position;
    while (lineStart > 0 && source.charAt(lineStart - 1) != '\n') {
      lineStart--;
    }
    String prefix = source.subSequence(lineStart, position).toString();
    return prefix.isBlank() ? prefix : "";
  }
}
