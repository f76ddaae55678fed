package io.miguard.checker.analysis;

import com.sun.source.tree.Tree;
import io.miguard.checker.analysis.CloseEvent.Kind;
import java.util.LinkedHashMap;
import java.util.Map;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;

/**
 * What the transfer function observes besides stores: closes, the creation points of nested bodies,
 * and returned values. Keyed by CFG node, so that the observation a node made last (at the
 * fixpoint) is the one kept.
 */
final class BodyRecorder {
  /** A close seen at one node. */
  record Close(Kind kind, Tree tree, Value target, OperationStore store) {}

  /** A nested body created at one node. */
  record Creation(Tree nested, OperationStore store) {}

  /** A value returned at one node. */
  record Return(Value value, OperationStore store) {}

  final Map<Node, Close> closes = new LinkedHashMap<>();
  final Map<Node, Creation> creations = new LinkedHashMap<>();
  final Map<Node, Return> returns = new LinkedHashMap<>();

  /**
   * {@code tree}: the close call, the argument passed to a closing parameter, the method reference,
   * or (for a try-with-resources) the receiver of the synthetic close.
   */
  void closed(Node node, Kind kind, Tree tree, Value target, OperationStore store) {
    closes.put(node, new Close(kind, tree, target, store));
  }

  void nestedBodyCreated(Node node, Tree nested, OperationStore store) {
    creations.put(node, new Creation(nested, store));
  }

  void returned(Node node, Value value, OperationStore store) {
    returns.put(node, new Return(value, store));
  }
}
