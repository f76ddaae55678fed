package io.miguard.checker.analysis;

import com.google.common.collect.ImmutableSet;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Flags;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import io.miguard.checker.analysis.CloseEvent.Kind;
import io.miguard.checker.analysis.OperationState.Origin;
import io.miguard.checker.analysis.ProtocolModel.Results;
import io.miguard.checker.analysis.ProtocolModel.StartSpec;
import io.miguard.checker.analysis.ProtocolModel.Synchrony;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import org.checkerframework.errorprone.dataflow.cfg.node.FieldAccessNode;
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
    Node receiverNode = node.getTarget().getReceiver();
    if (!method.isStatic() && receiverNode.getTree() != null) {
      recorder.read(node, receiverNode.getTree(), receiver, store);
    }
    applyHandleClose(call, receiverNode);
    applyReceiverRole(call, receiverNode);
    applyResultPredicate(call, values);
    call.store = passArguments(node, method, node.getArguments(), call.store, values);
    applyStart(call);
    applyRunAsResult(call);
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
        Tree tree = call.node.getTree();
        if (model.retrievesResult(method)
            || model.drainsReceiver(method)
            || model.drainedByIteration(method)) {
          recorder.retrieved(call.node, tree, call.receiver, call.store);
        }
        if (model.retrievesResult(method) || model.drainsReceiver(method)) {
          call.store = release(call.store, ops, tree);
        }
        if (model.retrievesResult(method)) {
          call.store = call.store.update(ops, OperationState::retrieved);
          // MI reports a failed retrieval as the final result: an exception here drains.
          call.exceptional = call.store.update(ops, OperationState::drain);
          call.result = Value.result(ops);
        } else if (model.drainsReceiver(method)) {
          call.store = call.store.update(ops, OperationState::drain);
          call.exceptional = call.store;
        } else if (model.reportsDrained(method)) {
          call.result = Value.condition(Condition.fact(Condition.FactKind.DRAINED, ops));
        } else if (model.drainedByIteration(method)) {
          call.result = Value.of(Value.Kind.ITERABLE, ops);
          // As for a retrieval: the binding refuses misuse (reported by the other checks) or
          // reports the failure as the final result.
          call.exceptional = call.store.update(ops, OperationState::drain);
        } else if (model.cancels(method)) {
          call.store = call.store.update(ops, s -> s.cancelled(tree));
        } else if (model.closesReceiver(method)) {
          boolean synthetic = !call.node.getInSource();
          recorder.closed(
              call.node,
              synthetic ? Kind.TRY_WITH_RESOURCES : Kind.EXPLICIT,
              synthetic ? receiverNode.getTree() : call.node.getTree(),
              call.receiver,
              call.store);
          Tree resource =
              synthetic ? setup.resourceOf(ASTHelpers.getSymbol(receiverNode.getTree())) : null;
          call.store = close(call.store, ops, resource != null ? resource : tree);
          // A close that throws was still called: the code did close the operation.
          call.exceptional = call.store;
        }
      }
      case RESULT -> {
        if (model.isMoreResultsAccessor(method)) {
          call.result = Value.condition(Condition.fact(Condition.FactKind.MORE_RESULTS, ops));
        } else if (model.borrowsResult(method)) {
          call.result = Value.borrowedFrom(call.receiver);
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
        call.store = release(call.store, ops, call.node.getTree());
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

  /**
   * A close of a session or of the application: recorded with the session variable it closes (for
   * the operations still open on it) and whether it is the implicit close of a try-with-resources.
   */
  private void applyHandleClose(Call call, Node receiverNode) {
    HandleCloseEvent.Role role;
    if (model.closesSession(call.method)) {
      role = HandleCloseEvent.Role.SESSION;
    } else if (model.closesApplication(call.method)) {
      role = HandleCloseEvent.Role.APPLICATION;
    } else {
      return;
    }
    boolean synthetic = !call.node.getInSource();
    recorder.handleClosed(
        call.node,
        role,
        synthetic ? receiverNode.getTree() : call.node.getTree(),
        synthetic,
        sessionVariable(receiverNode),
        call.store);
  }

  /**
   * The variable a session expression names, if it always holds the same session while the body
   * runs: an effectively final local or parameter, or a final field.
   */
  static @Nullable Element sessionVariable(@Nullable Node node) {
    while (node instanceof TypeCastNode cast) {
      node = cast.getOperand();
    }
    Element variable = null;
    if (node instanceof LocalVariableNode local) {
      variable = local.getElement();
    } else if (node instanceof FieldAccessNode field
        && (field.getReceiver() instanceof ThisNode || field.isStatic())) {
      variable = field.getElement();
    }
    return variable instanceof Symbol symbol && ASTHelpers.isConsideredFinal(symbol)
        ? variable
        : null;
  }

  /** The operations are closed: and with them every object borrowed from their results. */
  private static OperationStore close(OperationStore store, Set<OperationId> ops, Tree close) {
    return release(store.update(ops, OperationState::close), ops, close);
  }

  /** A retrieval or close frees the objects borrowed from a single operation's results. */
  private static OperationStore release(OperationStore store, Set<OperationId> ops, Tree release) {
    if (ops.size() != 1) {
      // A value that is one of several operations releases none of them for sure.
      return store;
    }
    return store.releaseBorrowed(ops.iterator().next(), release);
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
    boolean stores = method != null && isCanonicalRecordConstructor(method);
    for (int i = 0; i < arguments.size(); i++) {
      Value argument = values.of(arguments.get(i), store);
      Tree argumentTree = arguments.get(i).getTree();
      if (argumentTree != null) {
        recorder.read(call, argumentTree, argument, store);
      }
      ImmutableSet<OperationId> ops = argument.escapingOperations();
      if (ops.isEmpty()) {
        continue;
      }
      if (stores) {
        // A record's canonical constructor (implicit or compact) stores its arguments, as the
        // equivalent explicit constructor would: the body the analysis sees does not say so.
        store = store.update(ops, OperationState::escape);
      } else if (method != null
          && argument.is(Value.Kind.OPERATION)
          && model.drainsParameter(method, i)) {
        recorder.retrieved(call, call.getTree(), argument, store);
        store = release(store.update(ops, OperationState::drain), ops, call.getTree());
      } else if (method != null
          && argument.is(Value.Kind.OPERATION)
          && model.closesParameter(method, i)) {
        recorder.closed(call, Kind.CLOSING_PARAMETER, call.getTree(), argument, store);
        store = close(store, ops, call.getTree());
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

  private static boolean isCanonicalRecordConstructor(MethodSymbol method) {
    return method.isConstructor()
        && method.owner instanceof ClassSymbol owner
        && owner.isRecord()
        && (method.flags() & Flags.RECORD) != 0;
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
    OperationState started =
        OperationState.fresh(Origin.STARTED, synchrony, results, tree, call.store.context())
            .onSession(
                call.method.isStatic()
                    ? null
                    : sessionVariable(call.node.getTarget().getReceiver()));
    if (start != null && synchrony != Synchrony.SYNC && callbacksMayClose(call, start)) {
      // MI hands an asynchronous operation to its callbacks, which may close it.
      started = started.escape();
    }
    call.store = call.store.retire(id).withOperation(id, started);
    call.result = Value.operation(id);
  }

  /**
   * Whether the callbacks of an asynchronous (or undecided) start may close the operation: unless
   * they are a lambda or anonymous class written here (or such a lambda wrapped by a static
   * factory) that never names an operation handle, they may.
   */
  private boolean callbacksMayClose(Call call, StartSpec start) {
    List<? extends ExpressionTree> arguments = call.node.getTree().getArguments();
    int index = start.callbacksParameter();
    if (index < 0 || index >= arguments.size()) {
      return true;
    }
    ExpressionTree callbacks = ASTHelpers.stripParentheses(arguments.get(index));
    if (callbacks instanceof MethodInvocationTree wrap
        && ASTHelpers.getSymbol(wrap).isStatic()
        && wrap.getArguments().size() == 1) {
      callbacks = ASTHelpers.stripParentheses(wrap.getArguments().get(0));
    }
    boolean visible =
        callbacks instanceof LambdaExpressionTree
            || (callbacks instanceof NewClassTree creation && creation.getClassBody() != null);
    return !visible || namesOperation(callbacks);
  }

  /** Whether {@code code} names a value of an operation-handle type (not just declares one). */
  private boolean namesOperation(Tree code) {
    Boolean found =
        new TreeScanner<Boolean, Void>() {
          @Override
          public Boolean visitIdentifier(IdentifierTree identifier, Void unused) {
            return model.isOperationHandle((Type) ASTHelpers.getType(identifier));
          }

          @Override
          public Boolean visitVariable(VariableTree variable, Void unused) {
            // A declared type (javac fills one in for a lambda's implicit parameters) names none.
            return scan(variable.getInitializer(), unused);
          }

          @Override
          public Boolean visitMemberSelect(MemberSelectTree select, Void unused) {
            return model.isOperationHandle((Type) ASTHelpers.getType(select))
                || Boolean.TRUE.equals(super.visitMemberSelect(select, unused));
          }

          @Override
          public Boolean visitMethodInvocation(MethodInvocationTree invocation, Void unused) {
            return model.isOperationHandle((Type) ASTHelpers.getType(invocation))
                || Boolean.TRUE.equals(super.visitMethodInvocation(invocation, unused));
          }

          @Override
          public Boolean reduce(Boolean a, Boolean b) {
            return Boolean.TRUE.equals(a) || Boolean.TRUE.equals(b);
          }
        }.scan(code, null);
    return Boolean.TRUE.equals(found);
  }

  /**
   * A {@code @RunsAs} call returns what its lambda returns: an operation the lambda starts keeps
   * the state it has there, started as the run-as identity ({@code op = runAs(admin, () -> {
   * MiOperation o = start(); ...; return o; })}). Only operations started in the lambda, on every
   * return; anything else leaves the result unknown.
   */
  private void applyRunAsResult(Call call) {
    if (!call.result.is(Value.Kind.TOP) || !model.runsAs(call.method)) {
      return;
    }
    int identity = model.identityParameter(call.method);
    List<Node> arguments = call.node.getArguments();
    for (int i = 0; i < arguments.size(); i++) {
      if (i != identity
          && arguments.get(i) instanceof FunctionalInterfaceNode code
          && code.getTree() instanceof LambdaExpressionTree lambda) {
        BodyAnalysis body = setup.summaries().analyseInline(lambda, call.store);
        Map<OperationId, OperationState> returned = body == null ? null : startedIn(lambda, body);
        if (returned != null && !returned.isEmpty()) {
          for (Map.Entry<OperationId, OperationState> operation : returned.entrySet()) {
            call.store =
                call.store
                    .retire(operation.getKey())
                    .withOperation(operation.getKey(), operation.getValue());
          }
          call.result = Value.of(Value.Kind.OPERATION, returned.keySet());
        }
        return;
      }
    }
  }

  /**
   * The operations a lambda returns, joined over its returns, if every return is null or an
   * operation started in the lambda; else null.
   */
  private static @Nullable Map<OperationId, OperationState> startedIn(
      LambdaExpressionTree lambda, BodyAnalysis body) {
    List<BodyAnalysis.ReturnedOperation> returned = body.returnedOperations();
    if (returned == null) {
      return null;
    }
    Map<OperationId, OperationState> result = new LinkedHashMap<>();
    for (BodyAnalysis.ReturnedOperation operation : returned) {
      OperationState state = operation.state();
      if (state == null
          || state.origin() != Origin.STARTED
          || !(operation.id().site() instanceof Tree site)
          || !Positions.contains(lambda, site)) {
        return null;
      }
      Tree last = operation.store().lastStep();
      result.merge(operation.id(), state, (a, b) -> a.join(b, last, last));
    }
    return result;
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
