package io.miguard.checker.analysis;

import com.google.common.collect.ImmutableSet;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import io.miguard.checker.analysis.CloseEvent.Kind;
import io.miguard.checker.analysis.OperationState.Origin;
import io.miguard.checker.analysis.ProtocolModel.Results;
import io.miguard.checker.analysis.ProtocolModel.StartSpec;
import io.miguard.checker.analysis.ProtocolModel.Synchrony;
import java.util.ArrayList;
import java.util.List;
import org.checkerframework.errorprone.dataflow.cfg.node.FunctionalInterfaceNode;
import org.checkerframework.errorprone.dataflow.cfg.node.LocalVariableNode;
import org.checkerframework.errorprone.dataflow.cfg.node.MethodInvocationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;
import org.checkerframework.errorprone.dataflow.cfg.node.NullLiteralNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ObjectCreationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ThisNode;
import org.checkerframework.errorprone.dataflow.cfg.node.TypeCastNode;
import org.jspecify.annotations.Nullable;

/**
 * What a call does, by the protocol roles of the called method: to its receiver (retrieve, drain,
 * iterate, cancel, close, leave a security context), to the operations passed as arguments (drain,
 * close, a summarised helper's effect, or escape), and what it returns (a started operation, a
 * result, a flag, a scope).
 */
final class CallTransfer {
  /** The value of a node in a given store (locals are read from the store). */
  interface Values {
    Value of(Node node, OperationStore store);
  }

  private final BodySetup setup;
  private final ProtocolModel model;
  private final BodyRecorder recorder;

  CallTransfer(BodySetup setup, BodyRecorder recorder) {
    this.setup = setup;
    this.model = setup.model();
    this.recorder = recorder;
  }

  /** Applies every role of the call {@code node} of {@code method} on {@code receiver}. */
  Call transfer(
      MethodInvocationNode node,
      MethodSymbol method,
      Value receiver,
      OperationStore store,
      Values values) {
    Call call = new Call(node, method, receiver, store);
    applyReceiverRole(call, node.getTarget().getReceiver());
    applyResultPredicate(call, values);
    call.store = passArguments(node, method, node.getArguments(), call.store, values);
    applyStart(call);
    applySecurityContext(call);
    return call;
  }

  /** The state of one call's transfer while its roles are applied. */
  static final class Call {
    final MethodInvocationNode node;
    final MethodSymbol method;
    final Value receiver;
    OperationStore store;
    Value result = Value.TOP;
    @Nullable OperationStore exceptional;

    Call(MethodInvocationNode node, MethodSymbol method, Value receiver, OperationStore store) {
      this.node = node;
      this.method = method;
      this.receiver = receiver;
      this.store = store;
    }
  }

  private void applyReceiverRole(Call call, Node receiverNode) {
    MethodSymbol method = call.method;
    ImmutableSet<OperationId> ops = call.receiver.operations();
    switch (call.receiver.kind()) {
      case OPERATION -> {
        if (model.retrievesResult(method)) {
          call.store = call.store.update(ops, OperationState::retrieved);
          // MI reports a failed retrieval as the final result: an exception here drains.
          call.exceptional = call.store.update(ops, OperationState::drain);
          call.result = Value.of(Value.Kind.RESULT, ops);
        } else if (model.drainsReceiver(method)) {
          call.store = call.store.update(ops, OperationState::drain);
          call.exceptional = call.store;
        } else if (model.reportsDrained(method)) {
          call.result = Value.condition(Condition.fact(Condition.FactKind.DRAINED, ops));
        } else if (model.drainedByIteration(method)) {
          call.result = Value.of(Value.Kind.ITERABLE, ops);
        } else if (model.cancels(method)) {
          Tree tree = call.node.getTree();
          call.store = call.store.update(ops, s -> s.cancelled(tree));
        } else if (model.closesReceiver(method)) {
          boolean synthetic = !call.node.getInSource();
          recorder.closed(
              call.node,
              synthetic ? Kind.TRY_WITH_RESOURCES : Kind.EXPLICIT,
              synthetic ? receiverNode.getTree() : call.node.getTree(),
              call.receiver,
              call.store);
        }
      }
      case RESULT -> {
        if (model.isMoreResultsAccessor(method)) {
          call.result = Value.condition(Condition.fact(Condition.FactKind.MORE_RESULTS, ops));
        }
      }
      case ITERABLE -> {
        if (setup.iterations().isIterator(method)) {
          call.result = Value.of(Value.Kind.ITERATOR, ops);
        } else {
          call.store = call.store.escape(call.receiver);
        }
      }
      case ITERATOR -> {
        // Each step of the iteration retrieves results; a failure is reported once drained.
        call.exceptional = call.store.update(ops, OperationState::drain);
        if (setup.iterations().isHasNext(method)) {
          call.result = Value.condition(Condition.fact(Condition.FactKind.HAS_NEXT, ops));
        } else if (!setup.iterations().isNext(method)) {
          call.exceptional = null;
          call.store = call.store.escape(call.receiver);
        }
      }
      case SCOPE -> {
        if (model.leavesSecurityContext(method)) {
          call.store = call.store.withContext(call.store.context().leave(call.receiver.scope()));
        }
      }
      default -> {
        if (model.leavesSecurityContext(method)) {
          // A scope the analysis did not follow: the innermost impersonation ends.
          call.store = call.store.withContext(call.store.context().leaveInnermost());
        }
      }
    }
  }

  /** A call to a boolean predicate of this unit is its formula over the arguments. */
  private void applyResultPredicate(Call call, Values values) {
    ResultPredicate predicate = setup.summaries().resultPredicateOf(call.method);
    if (predicate == null) {
      return;
    }
    List<Value> arguments = new ArrayList<>();
    for (Node argument : call.node.getArguments()) {
      arguments.add(values.of(argument, call.store));
    }
    Value result = Value.condition(predicate.of(arguments, model));
    if (result.is(Value.Kind.FLAG)) {
      call.result = result;
    }
  }

  /** Applies what a call does to the operations passed as its arguments. */
  OperationStore passArguments(
      Node call,
      @Nullable MethodSymbol method,
      List<Node> arguments,
      OperationStore store,
      Values values) {
    MethodSummary summary = method == null ? null : setup.summaries().summaryOf(method);
    for (int i = 0; i < arguments.size(); i++) {
      Value argument = values.of(arguments.get(i), store);
      ImmutableSet<OperationId> ops = argument.escapingOperations();
      if (ops.isEmpty()) {
        continue;
      }
      if (method != null && argument.is(Value.Kind.OPERATION) && model.drainsParameter(method, i)) {
        store = store.update(ops, OperationState::drain);
      } else if (method != null
          && argument.is(Value.Kind.OPERATION)
          && model.closesParameter(method, i)) {
        recorder.closed(call, Kind.CLOSING_PARAMETER, call.getTree(), argument, store);
      } else if (summary != null && argument.is(Value.Kind.OPERATION) && !summary.escapes(i)) {
        Tree tree = call.getTree();
        int index = i;
        store = store.update(ops, s -> summary.applyTo(index, s, tree));
      } else {
        store = store.update(ops, OperationState::escape);
      }
    }
    return store;
  }

  private void applyStart(Call call) {
    StartSpec start = model.startsOperation(call.method);
    Synchrony synchrony;
    Results results;
    if (start != null) {
      synchrony = start.mode();
      results = start.results();
      if (synchrony == Synchrony.UNKNOWN && start.callbacksParameter() >= 0) {
        synchrony = synchronyOf(call, start.callbacksParameter());
      }
    } else {
      MethodSummary summary = setup.summaries().summaryOf(call.method);
      if (summary == null || summary.factory() == null) {
        return;
      }
      synchrony = summary.factory().synchrony();
      results = summary.factory().results();
    }
    MethodInvocationTree tree = call.node.getTree();
    OperationId id = OperationId.of(tree);
    call.store =
        call.store.withOperation(
            id,
            OperationState.fresh(Origin.STARTED, synchrony, results, tree, call.store.context()));
    call.result = Value.operation(id);
  }

  /** A literal null callbacks argument is synchronous, a known object asynchronous. */
  private static Synchrony synchronyOf(Call call, int index) {
    List<Node> arguments = call.node.getArguments();
    if (index >= arguments.size()) {
      return Synchrony.UNKNOWN;
    }
    Node argument = arguments.get(index);
    while (argument instanceof TypeCastNode cast) {
      argument = cast.getOperand();
    }
    Value value =
        argument instanceof LocalVariableNode local ? call.store.local(local.getElement()) : null;
    if (argument instanceof NullLiteralNode || (value != null && value.is(Value.Kind.NULL))) {
      return Synchrony.SYNC;
    }
    if (argument instanceof ObjectCreationNode
        || argument instanceof FunctionalInterfaceNode
        || argument instanceof ThisNode
        || (value != null && value.is(Value.Kind.NON_NULL))) {
      return Synchrony.ASYNC;
    }
    return Synchrony.UNKNOWN;
  }

  private void applySecurityContext(Call call) {
    if (!model.entersSecurityContextAtAll(call.method)) {
      return;
    }
    int index = model.entersSecurityContext(call.method);
    MethodInvocationTree tree = call.node.getTree();
    ExpressionTree identity =
        index >= 0 && index < tree.getArguments().size() ? tree.getArguments().get(index) : null;
    ContextEntry entry =
        new ContextEntry(ContextEntry.Kind.IMPERSONATION, setup.identityOf(identity), tree);
    call.store = call.store.withContext(call.store.context().push(entry));
    call.result = Value.scope(entry);
  }
}
