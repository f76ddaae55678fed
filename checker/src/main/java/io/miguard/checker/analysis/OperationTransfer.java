package io.miguard.checker.analysis;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.MemberReferenceTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.Tree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.ClassSymbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Type;
import io.miguard.checker.analysis.CloseEvent.Kind;
import io.miguard.checker.analysis.OperationState.Origin;
import io.miguard.checker.analysis.ProtocolModel.Results;
import io.miguard.checker.analysis.ProtocolModel.Synchrony;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import org.checkerframework.errorprone.dataflow.analysis.ConditionalTransferResult;
import org.checkerframework.errorprone.dataflow.analysis.ForwardTransferFunction;
import org.checkerframework.errorprone.dataflow.analysis.RegularTransferResult;
import org.checkerframework.errorprone.dataflow.analysis.TransferInput;
import org.checkerframework.errorprone.dataflow.analysis.TransferResult;
import org.checkerframework.errorprone.dataflow.cfg.UnderlyingAST;
import org.checkerframework.errorprone.dataflow.cfg.block.Block;
import org.checkerframework.errorprone.dataflow.cfg.block.ConditionalBlock;
import org.checkerframework.errorprone.dataflow.cfg.block.SingleSuccessorBlock;
import org.checkerframework.errorprone.dataflow.cfg.block.SpecialBlock;
import org.checkerframework.errorprone.dataflow.cfg.node.AbstractNodeVisitor;
import org.checkerframework.errorprone.dataflow.cfg.node.ArrayCreationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.AssignmentNode;
import org.checkerframework.errorprone.dataflow.cfg.node.BitwiseAndNode;
import org.checkerframework.errorprone.dataflow.cfg.node.BitwiseOrNode;
import org.checkerframework.errorprone.dataflow.cfg.node.BooleanLiteralNode;
import org.checkerframework.errorprone.dataflow.cfg.node.CatchMarkerNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ClassDeclarationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ConditionalAndNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ConditionalNotNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ConditionalOrNode;
import org.checkerframework.errorprone.dataflow.cfg.node.EqualToNode;
import org.checkerframework.errorprone.dataflow.cfg.node.FieldAccessNode;
import org.checkerframework.errorprone.dataflow.cfg.node.FunctionalInterfaceNode;
import org.checkerframework.errorprone.dataflow.cfg.node.LambdaResultExpressionNode;
import org.checkerframework.errorprone.dataflow.cfg.node.LocalVariableNode;
import org.checkerframework.errorprone.dataflow.cfg.node.MarkerNode;
import org.checkerframework.errorprone.dataflow.cfg.node.MethodAccessNode;
import org.checkerframework.errorprone.dataflow.cfg.node.MethodInvocationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;
import org.checkerframework.errorprone.dataflow.cfg.node.NotEqualNode;
import org.checkerframework.errorprone.dataflow.cfg.node.NullLiteralNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ObjectCreationNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ReturnNode;
import org.checkerframework.errorprone.dataflow.cfg.node.SwitchExpressionNode;
import org.checkerframework.errorprone.dataflow.cfg.node.TernaryExpressionNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ThisNode;
import org.checkerframework.errorprone.dataflow.cfg.node.ThrowNode;
import org.checkerframework.errorprone.dataflow.cfg.node.TypeCastNode;
import org.checkerframework.errorprone.dataflow.cfg.node.VariableDeclarationNode;
import org.jspecify.annotations.Nullable;

/**
 * The transfer function of the operation analysis: how each CFG node changes the {@link
 * OperationStore}. Protocol roles come from {@link ProtocolModel}; calls to methods of the same
 * compilation unit use their {@link MethodSummary}. Side observations (closes, nested bodies'
 * creation points, returns) go to the body's {@link BodyRecorder}; since a block is transferred
 * again whenever its input changes, the last observation of a node is the one at the fixpoint.
 */
final class OperationTransfer
    extends AbstractNodeVisitor<
        TransferResult<Value, OperationStore>, TransferInput<Value, OperationStore>>
    implements ForwardTransferFunction<Value, OperationStore> {

  private final BodySetup setup;
  private final ProtocolModel model;
  private final BodyRecorder recorder;
  private final CallTransfer calls;

  OperationTransfer(BodySetup setup, BodyRecorder recorder) {
    this.setup = setup;
    this.model = setup.model();
    this.recorder = recorder;
    this.calls = new CallTransfer(setup, recorder);
  }

  @Override
  public OperationStore initialStore(UnderlyingAST ast, List<LocalVariableNode> parameters) {
    return setup.initialStore(parameters);
  }

  /**
   * The store {@code store} as it enters {@code block}: an exception the rule follows only into
   * handlers of {@code try} statements that do not contain the block's code is, there, the part
   * those handlers did not catch, and followed nowhere (see {@link OperationDataflow}).
   */
  OperationStore enteringBlock(Block block, OperationStore store) {
    ExceptionalEdges.Unwinding unwinding = store.unwinding();
    if (unwinding == null || unwinding.thrown() || unwinding.followedCatches().isEmpty()) {
      return store;
    }
    List<Node> nodes = block.getNodes();
    if (nodes.isEmpty()) {
      return store;
    }
    Node first = nodes.get(0);
    if (first instanceof CatchMarkerNode marker) {
      // Entering a handler: visitMarker decides whether the exception was followed into it.
      return store;
    }
    Tree where = first.getTree();
    if (where == null || !setup.isSourceTree(where)) {
      return store; // a node the CFG builder made up has no position to judge by
    }
    return setup.exceptionalEdgeRule().followedAt(unwinding, where)
        ? store
        : store.unwinding(ExceptionalEdges.Unwinding.UNFOLLOWED);
  }

  // ---- the generic case ----

  /**
   * The target of an assignment, which the dataflow library does not transfer (see {@link
   * BodyDataflow}): no change, but its exceptional edges get their stores.
   */
  TransferResult<Value, OperationStore> assignmentTarget(
      Node node, TransferInput<Value, OperationStore> in) {
    return new RegularTransferResult<>(
        null, in.getRegularStore(), exceptionalStores(node, in, null, null, true));
  }

  @Override
  public TransferResult<Value, OperationStore> visitNode(
      Node node, TransferInput<Value, OperationStore> in) {
    return regular(node, in, in.getRegularStore(), Value.TOP, null, true);
  }

  /**
   * A result with one store after {@code node}; {@code exceptional} is the store on the node's
   * exceptional edges (null: the store before it), {@code propagates} whether an exception there is
   * one the body did not write (a call's, not a {@code throw}'s).
   */
  private TransferResult<Value, OperationStore> regular(
      Node node,
      TransferInput<Value, OperationStore> in,
      OperationStore after,
      Value value,
      @Nullable OperationStore exceptional,
      boolean propagates) {
    Tree step = stepOf(node);
    if (step != null && setup.ifWithCondition(step) != null) {
      // The condition of an if: each branch gets its own step (see conditional).
      return conditional(node, in, after, after, value, exceptional);
    }
    return new RegularTransferResult<>(
        value, stepped(after, step), exceptionalStores(node, in, exceptional, step, propagates));
  }

  private TransferResult<Value, OperationStore> conditional(
      Node node,
      TransferInput<Value, OperationStore> in,
      OperationStore thenStore,
      OperationStore elseStore,
      Value value,
      @Nullable OperationStore exceptional) {
    Tree step = stepOf(node);
    Tree thenStep = step;
    Tree elseStep = step;
    IfTree branching = step == null ? null : setup.ifWithCondition(step);
    if (branching != null) {
      // `if (...) break;` leaves without a node of its own: name the jump as the step.
      thenStep = jumpOr(branching.getThenStatement(), step);
      elseStep = jumpOr(branching.getElseStatement(), step);
    }
    return new ConditionalTransferResult<>(
        value,
        stepped(thenStore, thenStep),
        stepped(elseStore, elseStep),
        exceptionalStores(node, in, exceptional, step, true));
  }

  /** A branch that is a jump (alone or alone in a block) is its own step; else {@code dflt}. */
  private static @Nullable Tree jumpOr(@Nullable StatementTree branch, @Nullable Tree dflt) {
    StatementTree statement = branch;
    if (statement instanceof BlockTree block && block.getStatements().size() == 1) {
      statement = block.getStatements().get(0);
    }
    return statement instanceof BreakTree || statement instanceof ContinueTree ? statement : dflt;
  }

  /** The source tree a node stands for, if it is a step a diagnostic may name as a witness. */
  private @Nullable Tree stepOf(Node node) {
    Tree tree = node.getTree();
    if (!node.getInSource()
        || node instanceof MarkerNode
        || tree == null
        || !setup.isSourceTree(tree)
        || setup.inFinallyBlock(tree)) {
      return null;
    }
    return tree;
  }

  private static boolean isRecordAccessor(Node node) {
    if (!(node instanceof MethodInvocationNode call)
        || !(call.getTarget().getMethod() instanceof MethodSymbol method)
        || !method.getParameters().isEmpty()
        || !(method.owner instanceof ClassSymbol owner)
        || !owner.isRecord()) {
      return false;
    }
    return owner.getRecordComponents().stream()
        .anyMatch(component -> component.getSimpleName().equals(method.getSimpleName()));
  }

  private static OperationStore stepped(OperationStore store, @Nullable Tree step) {
    return step == null ? store : store.withLastStep(step);
  }

  private @Nullable Map<TypeMirror, OperationStore> exceptionalStores(
      Node node,
      TransferInput<Value, OperationStore> in,
      @Nullable OperationStore exceptional,
      @Nullable Tree step,
      boolean propagates) {
    Map<TypeMirror, Set<Block>> edges = setup.exceptionalEdgesOf(node);
    if (edges == null) {
      return null;
    }
    OperationStore base = exceptional != null ? exceptional : in.getRegularStore();
    if (node instanceof MethodAccessNode
        || (node instanceof FieldAccessNode && !node.isLValue())
        || isRecordAccessor(node)) {
      // A null receiver's NullPointerException on a call or a field read (a programming error,
      // not a path of the protocol), or a record's accessor (reading a result cannot fail). A
      // field written through another receiver follows the rule like an array store.
      base = base.unreachable();
    }
    OperationStore store = stepped(base, step);
    // Only the normal exit's store is ever read: an exception that leaves the body at once needs
    // no state there, and not joining every call's store into the exceptional exit keeps the
    // analysis linear in the body's size.
    OperationStore leaving = store.unreachable();
    Map<TypeMirror, OperationStore> result = new HashMap<>();
    // Edges whose exceptions unwind alike share one store.
    Map<ExceptionalEdges.Unwinding, OperationStore> byUnwinding = new HashMap<>(4);
    for (Map.Entry<TypeMirror, Set<Block>> edge : edges.entrySet()) {
      OperationStore onEdge;
      if (onlyLeaveTheBody(edge.getValue())) {
        onEdge = leaving;
      } else if (node instanceof MarkerNode) {
        // The end of a finally block run for an exception: that exception unwinds on.
        onEdge = store;
      } else {
        ExceptionalEdges.Unwinding unwinding =
            propagates
                ? setup.exceptionalEdgeRule().of(node, edge.getKey())
                : ExceptionalEdges.Unwinding.THROWN;
        // An exception the node does not throw (see ExceptionalEdges): no path.
        if (unwinding == null) {
          onEdge = leaving;
        } else {
          onEdge = byUnwinding.computeIfAbsent(unwinding, store::unwinding);
        }
      }
      result.put(edge.getKey(), onEdge);
    }
    return result;
  }

  private static boolean onlyLeaveTheBody(Set<Block> successors) {
    for (Block successor : successors) {
      if (!(successor instanceof SpecialBlock special)
          || special.getSpecialType() != SpecialBlock.SpecialBlockType.EXCEPTIONAL_EXIT) {
        return false;
      }
    }
    return true;
  }

  // ---- values ----

  /** The value of {@code node}: locals through the store, everything else as last computed. */
  private Value valueOf(Node node, TransferInput<Value, OperationStore> in, OperationStore store) {
    if (node instanceof LocalVariableNode local) {
      Value value = store.local(local.getElement());
      return value == null ? Value.TOP : value;
    }
    if (node instanceof TypeCastNode cast) {
      return valueOf(cast.getOperand(), in, store);
    }
    Value value = in.getValueOfSubNode(node);
    return value == null ? Value.TOP : value;
  }

  private boolean isHandle(@Nullable TypeMirror type) {
    return type instanceof Type t && model.isOperationHandle(t);
  }

  /** Makes sure an operation the analysis cannot trace (keyed by {@code site}) has a state. */
  private OperationStore withUnknownOperation(
      OperationStore store, Object site, @Nullable Tree tree) {
    OperationId id = OperationId.of(site);
    if (store.operation(id) != null) {
      return store;
    }
    return store.withOperation(
        id,
        OperationState.fresh(
                Origin.UNKNOWN, Synchrony.UNKNOWN, Results.UNKNOWN, tree, store.context())
            .escape());
  }

  // ---- literals, locals, fields ----

  @Override
  public TransferResult<Value, OperationStore> visitBooleanLiteral(
      BooleanLiteralNode n, TransferInput<Value, OperationStore> in) {
    // `do { ... } while (true)`: the literal never takes its false edge.
    return constant(n, in, in.getRegularStore(), n.getValue() ? Value.TRUE : Value.FALSE);
  }

  @Override
  public TransferResult<Value, OperationStore> visitNullLiteral(
      NullLiteralNode n, TransferInput<Value, OperationStore> in) {
    return regular(n, in, in.getRegularStore(), Value.NULL, null, true);
  }

  @Override
  public TransferResult<Value, OperationStore> visitLocalVariable(
      LocalVariableNode n, TransferInput<Value, OperationStore> in) {
    OperationStore store = in.getRegularStore();
    Value value = store.local(n.getElement());
    if ((value == null || value.is(Value.Kind.TOP)) && isHandle(n.getType())) {
      // A pattern binding, a catch parameter: nothing is known about where it came from.
      store = withUnknownOperation(store, n.getElement(), n.getTree());
      value = Value.operation(OperationId.of(n.getElement()));
      store = store.withLocal(n.getElement(), value);
    }
    if (value == null) {
      value = Value.TOP;
    }
    if (isTested(n) && isBoolean(n) && !value.is(Value.Kind.TRUE) && !value.is(Value.Kind.FALSE)) {
      return test(n, in, onEdge(n, store, true), onEdge(n, store, false), value);
    }
    if (value.is(Value.Kind.FLAG)) {
      return test(n, in, store, value);
    }
    return constant(n, in, store, value);
  }

  private static boolean isBoolean(Node n) {
    return n.getType().getKind() == TypeKind.BOOLEAN;
  }

  /**
   * The store on the edge where the boolean local {@code local} has {@code value}: paths that
   * {@linkplain DrainState.Guard guards} say have the other value are gone, and a local the
   * analysis knows nothing else about holds the constant.
   */
  private static OperationStore onEdge(
      LocalVariableNode local, OperationStore store, boolean value) {
    OperationStore result = store.assumingLocal(local.getElement(), value);
    Value known = result.local(local.getElement());
    return known == null || known.is(Value.Kind.TOP)
        ? result.withLocal(local.getElement(), value ? Value.TRUE : Value.FALSE)
        : result;
  }

  @Override
  public TransferResult<Value, OperationStore> visitVariableDeclaration(
      VariableDeclarationNode n, TransferInput<Value, OperationStore> in) {
    // Each run of a declaration (each iteration of a loop around it) makes a new variable.
    OperationStore store = in.getRegularStore();
    Symbol variable = ASTHelpers.getSymbol(n.getTree());
    if (variable != null) {
      store = store.redeclaring(variable).assigned(variable);
    }
    return regular(n, in, store, Value.TOP, null, true);
  }

  @Override
  public TransferResult<Value, OperationStore> visitFieldAccess(
      FieldAccessNode n, TransferInput<Value, OperationStore> in) {
    OperationStore store = in.getRegularStore();
    if (isHandle(n.getType())) {
      Element field = n.getElement();
      store = withUnknownOperation(store, field, n.getTree());
      return regular(n, in, store, Value.operation(OperationId.of(field)), null, true);
    }
    return regular(n, in, store, Value.TOP, null, true);
  }

  @Override
  public TransferResult<Value, OperationStore> visitThis(
      ThisNode n, TransferInput<Value, OperationStore> in) {
    OperationId receiver = setup.receiverOperation();
    return regular(
        n,
        in,
        in.getRegularStore(),
        receiver == null ? Value.NON_NULL : Value.operation(receiver),
        null,
        true);
  }

  @Override
  public TransferResult<Value, OperationStore> visitTypeCast(
      TypeCastNode n, TransferInput<Value, OperationStore> in) {
    OperationStore store = in.getRegularStore();
    return regular(n, in, store, valueOf(n.getOperand(), in, store), null, true);
  }

  @Override
  public TransferResult<Value, OperationStore> visitTernaryExpression(
      TernaryExpressionNode n, TransferInput<Value, OperationStore> in) {
    OperationStore store = in.getRegularStore();
    Value value = valueOf(n.getTernaryExpressionVar(), in, store);
    Value condition = valueOf(n.getConditionOperand(), in, store);
    Value then = valueOf(n.getThenOperand(), in, store);
    Value otherwise = valueOf(n.getElseOperand(), in, store);
    if (condition.is(Value.Kind.FLAG)
        || then.is(Value.Kind.FLAG)
        || otherwise.is(Value.Kind.FLAG)) {
      // A boolean choice: which operand it is depends on the condition.
      value =
          Value.condition(
              Condition.choice(
                  condition.asCondition(), then.asCondition(), otherwise.asCondition()));
      return test(n, in, store, value);
    }
    return regular(n, in, store, value, null, true);
  }

  @Override
  public TransferResult<Value, OperationStore> visitSwitchExpressionNode(
      SwitchExpressionNode n, TransferInput<Value, OperationStore> in) {
    OperationStore store = in.getRegularStore();
    return regular(n, in, store, valueOf(n.getSwitchExpressionVar(), in, store), null, true);
  }

  @Override
  public TransferResult<Value, OperationStore> visitAssignment(
      AssignmentNode n, TransferInput<Value, OperationStore> in) {
    OperationStore store = in.getRegularStore();
    Value value = valueOf(n.getExpression(), in, store);
    if (n.getTarget() instanceof LocalVariableNode local) {
      store = store.assigned(local.getElement()).withLocal(local.getElement(), value);
    } else {
      // A field or an array element: code the analysis cannot see may read it.
      store = store.escape(value);
    }
    return regular(n, in, store, value, null, true);
  }

  @Override
  public TransferResult<Value, OperationStore> visitArrayCreation(
      ArrayCreationNode n, TransferInput<Value, OperationStore> in) {
    OperationStore store = in.getRegularStore();
    for (Node element : n.getInitializers()) {
      store = store.escape(valueOf(element, in, store));
    }
    return regular(n, in, store, Value.NON_NULL, null, true);
  }

  // ---- conditions ----

  /**
   * A value that may be a boolean constant: a condition that is {@code true} never takes its false
   * edge (and the reverse), so that edge gets the unreachable store. Without it, the first pass
   * over {@code boolean more = true; while (more) ...} would send an undrained store out of the
   * loop that no later pass could take back.
   */
  private TransferResult<Value, OperationStore> constant(
      Node n, TransferInput<Value, OperationStore> in, OperationStore store, Value value) {
    if (value.is(Value.Kind.TRUE)) {
      return conditional(n, in, store, store.unreachable(), value, null);
    }
    if (value.is(Value.Kind.FALSE)) {
      return conditional(n, in, store.unreachable(), store, value, null);
    }
    return regular(n, in, store, value, null, true);
  }

  /**
   * A boolean value: where a branch tests it, each edge learns what the value's {@link Condition}
   * proves there (the "no more results" edge drains, the "more results" edge sees more). Only where
   * a branch of a statement tests it: a flag stored in a local (or passed on) is seen where the
   * local is tested, so {@code more = r.moreResults(); if (c) break;} leaves a single-result
   * operation drained by its retrieval on the break. The same holds inside a value that is stored
   * or passed on ({@code more = r.moreResults() && c; if (c2) break;}): its short circuits and
   * ternary conditions are branches, and their edges learn what drains (the code they guard may
   * retrieve or drain), but "more results follow" is learnt only where the stored value is tested
   * (see {@link BodySetup#decidesABranch}).
   *
   * @param thenIn the store the true edge starts from (for {@code &&}, {@code ||} and {@code !},
   *     the operands' edges; else the store after the node)
   */
  private TransferResult<Value, OperationStore> test(
      Node n,
      TransferInput<Value, OperationStore> in,
      OperationStore thenIn,
      OperationStore elseIn,
      Value value) {
    if (value.is(Value.Kind.TRUE)) {
      return conditional(n, in, thenIn, elseIn.unreachable(), value, null);
    }
    if (value.is(Value.Kind.FALSE)) {
      return conditional(n, in, thenIn.unreachable(), elseIn, value, null);
    }
    if (value.is(Value.Kind.FLAG) && isTested(n)) {
      Condition condition = value.asCondition();
      boolean decides = setup.decidesABranch(n.getTree());
      return conditional(
          n,
          in,
          thenIn.assume(condition, true, decides),
          elseIn.assume(condition, false, decides),
          value,
          null);
    }
    if (thenIn == elseIn) {
      return regular(n, in, thenIn, value, null, true);
    }
    return conditional(n, in, thenIn, elseIn, value, null);
  }

  /** {@link #test} from one store. */
  private TransferResult<Value, OperationStore> test(
      Node n, TransferInput<Value, OperationStore> in, OperationStore store, Value value) {
    return test(n, in, store, store, value);
  }

  /**
   * Whether a branch tests the value of {@code n}: it ends its block, which a conditional block
   * follows (the condition of an if or a loop, the left operand of {@code &&}, {@code ||} or the
   * condition of {@code ?:}).
   */
  private static boolean isTested(Node n) {
    Block block = n.getBlock();
    return block instanceof SingleSuccessorBlock single
        && single.getSuccessor() instanceof ConditionalBlock
        && block.getLastNode() == n;
  }

  /** The store the true (or false) edge of {@code n}'s operand left with. */
  private static OperationStore edge(TransferInput<Value, OperationStore> in, boolean value) {
    if (!in.containsTwoStores()) {
      return in.getRegularStore();
    }
    return value ? in.getThenStore() : in.getElseStore();
  }

  @Override
  public TransferResult<Value, OperationStore> visitConditionalNot(
      ConditionalNotNode n, TransferInput<Value, OperationStore> in) {
    Value value = valueOf(n.getOperand(), in, in.getRegularStore()).negate();
    if (n.getOperand() instanceof LocalVariableNode local && isTested(n) && isBoolean(local)) {
      return test(
          n, in, onEdge(local, edge(in, false), false), onEdge(local, edge(in, true), true), value);
    }
    return test(n, in, edge(in, false), edge(in, true), value);
  }

  @Override
  public TransferResult<Value, OperationStore> visitConditionalAnd(
      ConditionalAndNode n, TransferInput<Value, OperationStore> in) {
    return binary(n, n.getLeftOperand(), n.getRightOperand(), true, in);
  }

  @Override
  public TransferResult<Value, OperationStore> visitConditionalOr(
      ConditionalOrNode n, TransferInput<Value, OperationStore> in) {
    return binary(n, n.getLeftOperand(), n.getRightOperand(), false, in);
  }

  @Override
  public TransferResult<Value, OperationStore> visitBitwiseAnd(
      BitwiseAndNode n, TransferInput<Value, OperationStore> in) {
    return binary(n, n.getLeftOperand(), n.getRightOperand(), true, in);
  }

  @Override
  public TransferResult<Value, OperationStore> visitBitwiseOr(
      BitwiseOrNode n, TransferInput<Value, OperationStore> in) {
    return binary(n, n.getLeftOperand(), n.getRightOperand(), false, in);
  }

  /** {@code &&}, {@code ||} (and {@code &}, {@code |} on booleans): both operands count. */
  private TransferResult<Value, OperationStore> binary(
      Node n, Node left, Node right, boolean and, TransferInput<Value, OperationStore> in) {
    OperationStore store = in.getRegularStore();
    Condition a = valueOf(left, in, store).asCondition();
    Condition b = valueOf(right, in, store).asCondition();
    Value value = Value.condition(and ? Condition.and(a, b) : Condition.or(a, b));
    return test(n, in, edge(in, true), edge(in, false), value);
  }

  @Override
  public TransferResult<Value, OperationStore> visitEqualTo(
      EqualToNode n, TransferInput<Value, OperationStore> in) {
    return compareFlag(n, n.getLeftOperand(), n.getRightOperand(), true, in);
  }

  @Override
  public TransferResult<Value, OperationStore> visitNotEqual(
      NotEqualNode n, TransferInput<Value, OperationStore> in) {
    return compareFlag(n, n.getLeftOperand(), n.getRightOperand(), false, in);
  }

  /**
   * {@code flag == true}, {@code a != b} on booleans: a formula of the operands. {@code op == null}
   * and {@code op != null} on a variable that holds one operation (or null) send that operation
   * down the non-null edge only.
   */
  private TransferResult<Value, OperationStore> compareFlag(
      Node n, Node left, Node right, boolean equal, TransferInput<Value, OperationStore> in) {
    OperationStore store = in.getRegularStore();
    Value a = valueOf(left, in, store);
    Value b = valueOf(right, in, store);
    if ((left instanceof NullLiteralNode || right instanceof NullLiteralNode) && isTested(n)) {
      Value handle = left instanceof NullLiteralNode ? b : a;
      if (handle.is(Value.Kind.OPERATION) && handle.operations().size() == 1) {
        // On the null edge the variable does not hold the operation: whatever this path did with
        // it, there is nothing to close here, so it counts as closed on that edge.
        OperationStore isNull = store.update(handle.operations(), OperationState::close);
        return equal
            ? conditional(n, in, isNull, store, Value.TOP, null)
            : conditional(n, in, store, isNull, Value.TOP, null);
      }
    }
    if (!a.is(Value.Kind.FLAG) && !b.is(Value.Kind.FLAG)) {
      return regular(n, in, store, Value.TOP, null, true);
    }
    Condition same = Condition.same(a.asCondition(), b.asCondition());
    return test(n, in, store, Value.condition(equal ? same : Condition.not(same)));
  }

  // ---- control ----

  @Override
  public TransferResult<Value, OperationStore> visitMarker(
      MarkerNode n, TransferInput<Value, OperationStore> in) {
    OperationStore store = in.getRegularStore();
    if (n instanceof CatchMarkerNode marker && n.getMessage().startsWith("start")) {
      // The exception is caught here: from now on the path is an ordinary one, followed by default
      // if the rule followed the exception into this handler.
      ExceptionalEdges.Unwinding unwinding = store.unwinding();
      if (unwinding != null) {
        store = store.caught(unwinding.followedInto(setup.exceptionalEdgeRule().handlerOf(marker)));
      }
    }
    return regular(n, in, store, Value.TOP, null, true);
  }

  @Override
  public TransferResult<Value, OperationStore> visitThrow(
      ThrowNode n, TransferInput<Value, OperationStore> in) {
    // A throw written in the body is a path like a return: it is reported (see ExceptionalEdges).
    // An assert's implicit throw (a node without a tree) is not one.
    return regular(n, in, in.getRegularStore(), Value.TOP, null, n.getTree() == null);
  }

  @Override
  public TransferResult<Value, OperationStore> visitReturn(
      ReturnNode n, TransferInput<Value, OperationStore> in) {
    OperationStore store = in.getRegularStore();
    Value value = n.getResult() == null ? Value.TOP : valueOf(n.getResult(), in, store);
    recorder.returned(n, value, store);
    return regular(n, in, store.escape(value), value, null, true);
  }

  @Override
  public TransferResult<Value, OperationStore> visitLambdaResultExpression(
      LambdaResultExpressionNode n, TransferInput<Value, OperationStore> in) {
    OperationStore store = in.getRegularStore();
    Value value = valueOf(n.getResult(), in, store);
    recorder.returned(n, value, store);
    return regular(n, in, store.escape(value), value, null, true);
  }

  // ---- nested bodies ----

  @Override
  public TransferResult<Value, OperationStore> visitMemberReference(
      FunctionalInterfaceNode n, TransferInput<Value, OperationStore> in) {
    OperationStore store = in.getRegularStore();
    Tree tree = n.getTree();
    if (tree instanceof MemberReferenceTree reference) {
      Symbol referenced = ASTHelpers.getSymbol(reference);
      Value qualifier = qualifierValue(reference.getQualifierExpression(), store);
      if (qualifier.is(Value.Kind.OPERATION)
          && referenced instanceof MethodSymbol method
          && model.closesReceiver(method)) {
        // The reference closes where it is run: under a @RunsAs identity, on another thread.
        // Unless it runs during the call it is passed to, the operation may change before.
        BodyEntries.Placement placement = setup.summaries().placementOf(reference, store.context());
        OperationStore whereRun = store.withContext(placement.context());
        if (!placement.inline()) {
          whereRun = whereRun.escape(qualifier);
        }
        recorder.closed(n, Kind.METHOD_REFERENCE, reference, qualifier, whereRun);
        if (placement.inline()) {
          // It closes during the call it is passed to, if that call runs it at all: the escape
          // below keeps the other checks silent about it, and the operation counts as closed.
          store = store.update(qualifier.operations(), OperationState::close);
        }
      }
      store = store.escape(qualifier);
    } else {
      recorder.nestedBodyCreated(n, tree, store);
      store = escapeCaptured(store, tree);
    }
    return regular(n, in, store, Value.NON_NULL, null, true);
  }

  private static Value qualifierValue(ExpressionTree qualifier, OperationStore store) {
    ExpressionTree stripped = ASTHelpers.stripParentheses(qualifier);
    if (stripped instanceof IdentifierTree) {
      Symbol symbol = ASTHelpers.getSymbol(stripped);
      Value value = symbol == null ? null : store.local(symbol);
      if (value != null) {
        return value;
      }
    }
    return Value.TOP;
  }

  @Override
  public TransferResult<Value, OperationStore> visitClassDeclaration(
      ClassDeclarationNode n, TransferInput<Value, OperationStore> in) {
    OperationStore store = in.getRegularStore();
    recorder.nestedBodyCreated(n, n.getTree(), store);
    return regular(n, in, escapeCaptured(store, n.getTree()), Value.TOP, null, true);
  }

  @Override
  public TransferResult<Value, OperationStore> visitObjectCreation(
      ObjectCreationNode n, TransferInput<Value, OperationStore> in) {
    OperationStore store = in.getRegularStore();
    MethodSymbol constructor = ASTHelpers.getSymbol(n.getTree());
    store =
        calls.passArguments(
            n, constructor, n.getArguments(), store, (node, at) -> valueOf(node, in, at));
    if (n.getTree().getClassBody() != null) {
      recorder.nestedBodyCreated(n, n.getTree().getClassBody(), store);
      store = escapeCaptured(store, n.getTree().getClassBody());
    }
    Value value = Value.NON_NULL;
    if (isHandle(n.getType())) {
      store = withUnknownOperation(store, n.getTree(), n.getTree());
      value = Value.operation(OperationId.of(n.getTree()));
    }
    return regular(n, in, store, value, null, true);
  }

  /** Marks escaped every operation a nested body refers to through a local of this body. */
  private static OperationStore escapeCaptured(OperationStore store, Tree nested) {
    Set<OperationId> captured = new HashSet<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void visitIdentifier(IdentifierTree identifier, Void unused) {
        Symbol symbol = ASTHelpers.getSymbol(identifier);
        Value value = symbol == null ? null : store.local(symbol);
        if (value != null) {
          captured.addAll(value.escapingOperations());
        }
        return null;
      }
    }.scan(nested, null);
    return store.update(captured, OperationState::escape);
  }

  // ---- calls ----

  @Override
  public TransferResult<Value, OperationStore> visitMethodInvocation(
      MethodInvocationNode n, TransferInput<Value, OperationStore> in) {
    OperationStore store = in.getRegularStore();
    if (!(n.getTarget().getMethod() instanceof MethodSymbol called)) {
      return visitNode(n, in);
    }
    MethodSymbol method = called;
    Node receiverNode = n.getTarget().getReceiver();
    Value receiver = Value.TOP;
    if (!method.isStatic()) {
      receiver = valueOf(receiverNode, in, store);
      if (receiver.is(Value.Kind.TOP) && isHandle(receiverNode.getType())) {
        Tree site = receiverNode.getTree() != null ? receiverNode.getTree() : n.getTree();
        store = withUnknownOperation(store, site, receiverNode.getTree());
        receiver = Value.operation(OperationId.of(site));
      }
    }
    if (!method.isStatic() && receiverNode.getType() instanceof Type receiverType) {
      method = model.implementation(method, receiverType);
    }
    CallTransfer.Call call =
        calls.transfer(n, method, receiver, store, (node, at) -> valueOf(node, in, at));
    if (call.result.is(Value.Kind.TOP) && isHandle(n.getType())) {
      call.store = withUnknownOperation(call.store, n.getTree(), n.getTree());
      call.result = Value.operation(OperationId.of(n.getTree()));
    }
    if (call.result.is(Value.Kind.FLAG)) {
      return test(n, in, call.store, call.result);
    }
    return regular(n, in, call.store, call.result, call.exceptional, true);
  }
}
