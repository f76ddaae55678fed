package io.miguard.checker.analysis;

import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.tree.JCTree;

/**
 * The fast path: whether a body (or a whole compilation unit) mentions an operation-handle type at
 * all (an expression or a variable of such a type). A body that does not cannot close an operation,
 * so it costs this one scan and no control-flow graph; in a unit that does not, no body is scanned.
 */
final class HandleMentions {
  private HandleMentions() {}

  static boolean in(Tree code, ProtocolModel model) {
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean scan(Tree tree, Void unused) {
            if (tree instanceof JCTree jc && model.isOperationHandle(jc.type)) {
              return true;
            }
            return Boolean.TRUE.equals(super.scan(tree, unused));
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(code, null);
    return Boolean.TRUE.equals(found);
  }
}
