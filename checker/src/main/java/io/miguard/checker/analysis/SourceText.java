package io.miguard.checker.analysis;

import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.Tree;
import org.jspecify.annotations.Nullable;

/**
 * The source text of trees, read through Error Prone's {@link VisitorState} (its end positions and
 * the unit's source), never through javac's end-position tables, which JDK releases change.
 */
public final class SourceText {
  private SourceText() {}

  /** The text of {@code tree} in the unit {@code state} is in, or null if positions are missing. */
  public static @Nullable String of(@Nullable Tree tree, VisitorState state) {
    if (tree == null) {
      return null;
    }
    int start = ASTHelpers.getStartPosition(tree);
    int end = state.getEndPosition(tree);
    CharSequence text = state.getSourceCode();
    if (text == null || start < 0 || end <= start || end > text.length()) {
      return null;
    }
    return text.subSequence(start, end).toString();
  }

  /** The whitespace before {@code tree} on its line (empty if code precedes it there). */
  public static String indentationOf(Tree tree, VisitorState state) {
    int position = ASTHelpers.getStartPosition(tree);
    CharSequence text = state.getSourceCode();
    if (text == null || position < 0 || position > text.length()) {
      return "";
    }
    int lineStart = position;
    while (lineStart > 0 && text.charAt(lineStart - 1) != '\n') {
      lineStart--;
    }
    String prefix = text.subSequence(lineStart, position).toString();
    return prefix.isBlank() ? prefix : "";
  }
}
