package io.miguard.checker.analysis;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;

/**
 * The fast path: whether a body mentions a handle type at all (an expression or a variable of an
 * operation, session or application type). A body that does not cannot start, retrieve from or
 * close an operation, nor close a session or the application, so it costs this one scan and no
 * control-flow graph.
 */
final class HandleMentions {
  private HandleMentions() {}

  static boolean in(Tree body, ProtocolModel model) {
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean scan(Tree tree, Void unused) {
            if (tree != null && model.isProtocolHandle(ASTHelpers.getType(tree))) {
              return true;
            }
            return Boolean.TRUE.equals(super.scan(tree, unused));
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(body, null);
    return Boolean.TRUE.equals(found);
  }
}
