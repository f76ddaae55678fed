package io.miguard.checker.analysis;

import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.tree.EndPosTable;
import com.sun.tools.javac.tree.JCTree;
import com.sun.tools.javac.tree.JCTree.JCCompilationUnit;
import com.sun.tools.javac.tree.TreeInfo;
import java.io.IOException;
import org.jspecify.annotations.Nullable;

/** The source text of trees of one compilation unit (Error Prone keeps end positions). */
final class SourceText {
  private final CompilationUnitTree unit;
  private @Nullable CharSequence content;

  SourceText(CompilationUnitTree unit) {
    this.unit = unit;
  }

  /** The text of {@code tree}, or null if positions are missing. */
  @Nullable String of(@Nullable Tree tree) {
    if (!(tree instanceof JCTree jc) || !(unit instanceof JCCompilationUnit cu)) {
      return null;
    }
    EndPosTable ends = cu.endPositions;
    int start = jc.getStartPosition();
    int end = ends == null ? -1 : TreeInfo.getEndPos(jc, ends);
    CharSequence text = content();
    if (text == null || start < 0 || end <= start || end > text.length()) {
      return null;
    }
    return text.subSequence(start, end).toString();
  }

  private @Nullable CharSequence content() {
    if (content == null) {
      try {
        content = unit.getSourceFile().getCharContent(false);
      } catch (IOException | RuntimeException e) {
        return null;
      }
    }
    return content;
  }
}
