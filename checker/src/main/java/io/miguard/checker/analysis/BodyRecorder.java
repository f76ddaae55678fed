package io.miguard.checker.analysis;

import com.sun.source.tree.Tree;
import io.miguard.checker.analysis.CloseEvent.Kind;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import javax.lang.model.element.Element;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;
import org.jspecify.annotations.Nullable;

/**
 * What the transfer function observes besides stores: closes, the creation points of nested bodies,
 * and returned values. One observation per CFG node, replaced when the node is transferred again,
 * so that what is kept is the observation at the fixpoint.
 */
final class BodyRecorder {
  /** A close seen at one node. */
  record Close(Node node, Kind kind, Tree tree, Value target, OperationStore store) {}

  /** A nested body created at one node. */
  record Creation(Tree nested, OperationStore store) {}

  /** A value returned at one node. */
  record Return(Value value, OperationStore store) {}

  /** A retrieval (a result, a drain, an iteration) from the operations {@code target}. */
  record Retrieval(Tree tree, Value target, OperationStore store) {}

  /** A read (a call on it, an argument) of a borrowed object. */
  record BorrowedRead(Tree tree, Value borrowed) {}

  /** A close of a session or of the application, with the store just before it. */
  record HandleClose(
      HandleCloseEvent.Role role,
      Tree tree,
      boolean synthetic,
      @Nullable Element session,
      OperationStore store) {}

  final Observations<Close> closes = new Observations<>();
  final Observations<Retrieval> retrievals = new Observations<>();
  final Observations<BorrowedRead> borrowedReads = new Observations<>();
  final Observations<HandleClose> handleCloses = new Observations<>();
  final Observations<Creation> creations = new Observations<>();
  final Observations<Return> returns = new Observations<>();

  /**
   * {@code tree}: the close call, the call passing the operation to a closing parameter, the method
   * reference, or (for a try-with-resources) the receiver of the synthetic close.
   */
  void closed(Node node, Kind kind, Tree tree, Value target, OperationStore store) {
    if (!store.isUnreachable()) {
      closes.put(node, new Close(node, kind, tree, target, store));
    }
  }

  void retrieved(Node node, Tree tree, Value target, OperationStore store) {
    if (!store.isUnreachable()) {
      retrievals.put(node, new Retrieval(tree, target, store));
    }
  }

  /**
   * {@code node} is the call or creation, {@code tree} the expression it reads, whatever its value:
   * a later pass over the node replaces what an earlier one saw there.
   */
  void read(Node node, Tree tree, Value value, OperationStore store) {
    boolean borrowed = !store.isUnreachable() && value.is(Value.Kind.BORROWED);
    if (borrowed || borrowedReads.contains(node, tree)) {
      borrowedReads.put(node, tree, new BorrowedRead(tree, borrowed ? value : Value.TOP));
    }
  }

  void handleClosed(
      Node node,
      HandleCloseEvent.Role role,
      Tree tree,
      boolean synthetic,
      @Nullable Element session,
      OperationStore store) {
    if (!store.isUnreachable()) {
      handleCloses.put(node, new HandleClose(role, tree, synthetic, session, store));
    }
  }

  void nestedBodyCreated(Node node, Tree nested, OperationStore store) {
    if (!store.isUnreachable()) {
      creations.put(node, new Creation(nested, store));
    }
  }

  void returned(Node node, Value value, OperationStore store) {
    if (!store.isUnreachable()) {
      returns.put(node, new Return(value, store));
    }
  }

  /**
   * Observations keyed by node identity, in the order nodes were first seen. CFG nodes define
   * equals by content, so the copies of one close in the copies of a finally block are equal: they
   * must be kept apart.
   */
  static final class Observations<T> {
    private final Map<Node, Integer> index = new IdentityHashMap<>();
    private final List<T> values = new ArrayList<>();

    private final Map<Node, Map<Tree, Integer>> subIndex = new IdentityHashMap<>();

    void put(Node node, T value) {
      Integer at = index.get(node);
      if (at == null) {
        index.put(node, values.size());
        values.add(value);
      } else {
        values.set(at, value);
      }
    }

    boolean contains(Node node, Tree part) {
      Map<Tree, Integer> parts = subIndex.get(node);
      return parts != null && parts.containsKey(part);
    }

    /** One observation per {@code part} of a node (a call reads several arguments). */
    void put(Node node, Tree part, T value) {
      Map<Tree, Integer> parts = subIndex.computeIfAbsent(node, n -> new IdentityHashMap<>());
      Integer at = parts.get(part);
      if (at == null) {
        parts.put(part, values.size());
        values.add(value);
      } else {
        values.set(at, value);
      }
    }

    List<T> values() {
      return values;
    }
  }
}
