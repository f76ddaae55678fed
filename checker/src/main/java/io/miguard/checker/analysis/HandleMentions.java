package io.miguard.checker.analysis;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;

/**
 * The fast path: whether a body (or a whole compilation unit) mentions a handle type at all (an
 * expression or a variable of an operation, session or application type). A body that does not
 * cannot start, retrieve from or close an operation, nor close a session or the application, so it
 * costs this one scan and no control-flow graph; in a unit that does not, no body is scanned.
 */
final class HandleMentions {
  private HandleMentions() {}

  static boolean in(Tree code, ProtocolModel model) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        // The first mention decides: the rest of the tree is not scanned.
        if (tree == null || found[0]) {
          return null;
        }
        if (model.isProtocolHandle(ASTHelpers.getType(tree))) {
          found[0] = true;
          return null;
        }
        return super.scan(tree, unused);
      }
    }.scan(code, null);
    return found[0];
  }
}
