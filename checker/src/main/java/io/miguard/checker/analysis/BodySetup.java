package io.miguard.checker.analysis;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.DoWhileLoopTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.ForLoopTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.WhileLoopTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Type;
import io.miguard.checker.analysis.OperationState.Origin;
import io.miguard.checker.analysis.ProtocolModel.Results;
import io.miguard.checker.analysis.ProtocolModel.Synchrony;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.lang.model.element.Element;
import javax.lang.model.type.TypeKind;
import javax.lang.model.type.TypeMirror;
import org.checkerframework.errorprone.dataflow.cfg.ControlFlowGraph;
import org.checkerframework.errorprone.dataflow.cfg.block.Block;
import org.checkerframework.errorprone.dataflow.cfg.block.ExceptionBlock;
import org.checkerframework.errorprone.dataflow.cfg.node.LocalVariableNode;
import org.checkerframework.errorprone.dataflow.cfg.node.Node;
import org.jspecify.annotations.Nullable;

/**
 * Everything the transfer function of one body needs besides the store: the protocol model, the
 * unit's summaries, how the body is entered, and facts about its source (finally blocks,
 * resources).
 */
final class BodySetup {
  private final UnitAnalysis unit;
  private final Tree body;
  private final BodyEntry entry;
  private final @Nullable OperationStore enclosing;
  private final @Nullable OperationId receiverOperation;
  private final @Nullable Tree receiverTree;
  private final List<int[]> finallyBlocks = new ArrayList<>();
  private final Map<Symbol, Tree> resources = new HashMap<>();
  private final Set<Tree> sourceTrees = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<Tree, IfTree> ifsByCondition = new IdentityHashMap<>();
  private final Set<Tree> decisive = Collections.newSetFromMap(new IdentityHashMap<>());
  private final List<TryTree> tries = new ArrayList<>();
  private final Map<Node, Map<TypeMirror, Set<Block>>> exceptionalEdges = new IdentityHashMap<>();
  private final ExceptionalEdges exceptionalEdgeRule;

  /** While a chunk after the first is analysed, the store at the end of the one before. */
  private @Nullable OperationStore continued;

  /**
   * @param body the code whose CFG is built (a method body, a lambda body, an initializer)
   * @param enclosing for a nested body, the enclosing body's store where it is created
   * @param receiverTree for a {@code @DrainsResults} method of a handle type, the method: its
   *     receiver is tracked as an operation
   */
  BodySetup(
      UnitAnalysis unit,
      Tree body,
      BodyEntry entry,
      @Nullable OperationStore enclosing,
      @Nullable Tree receiverTree) {
    this.unit = unit;
    this.body = body;
    this.entry = entry;
    this.enclosing = enclosing;
    this.receiverTree = receiverTree;
    this.receiverOperation = receiverTree == null ? null : OperationId.of(receiverTree);
    scanSource();
    this.exceptionalEdgeRule =
        new ExceptionalEdges(unit.model(), unit.symtab(), tries, unit::endPositionOf);
  }

  private void scanSource() {
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(Tree tree, Void unused) {
        if (tree != null) {
          sourceTrees.add(tree);
        }
        return super.scan(tree, unused);
      }

      @Override
      public Void visitIf(IfTree tree, Void unused) {
        ifsByCondition.put(ASTHelpers.stripParentheses(tree.getCondition()), tree);
        markDecisive(tree.getCondition());
        return super.visitIf(tree, unused);
      }

      @Override
      public Void visitWhileLoop(WhileLoopTree tree, Void unused) {
        markDecisive(tree.getCondition());
        return super.visitWhileLoop(tree, unused);
      }

      @Override
      public Void visitDoWhileLoop(DoWhileLoopTree tree, Void unused) {
        markDecisive(tree.getCondition());
        return super.visitDoWhileLoop(tree, unused);
      }

      @Override
      public Void visitForLoop(ForLoopTree tree, Void unused) {
        markDecisive(tree.getCondition());
        return super.visitForLoop(tree, unused);
      }

      @Override
      public Void visitConditionalExpression(ConditionalExpressionTree tree, Void unused) {
        // A ternary that picks a value (not a boolean): its condition decides which.
        if (!isBoolean(tree)) {
          markDecisive(tree.getCondition());
        }
        return super.visitConditionalExpression(tree, unused);
      }

      @Override
      public Void visitTry(TryTree tree, Void unused) {
        tries.add(tree);
        BlockTree block = tree.getFinallyBlock();
        if (block != null) {
          finallyBlocks.add(
              new int[] {ASTHelpers.getStartPosition(block), unit.endPositionOf(block)});
        }
        for (Tree resource : tree.getResources()) {
          Symbol symbol = ASTHelpers.getSymbol(resource);
          if (symbol != null) {
            resources.put(symbol, resource);
          }
        }
        return super.visitTry(tree, unused);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree tree, Void unused) {
        // A nested body: its own analysis.
        return tree == body ? super.visitLambdaExpression(tree, unused) : null;
      }
    }.scan(body, null);
  }

  /**
   * Marks {@code condition} and the boolean operands it is made of ({@code !}, {@code &&}, {@code
   * ||}, parentheses, a boolean ternary's parts) as deciding a branch of a statement.
   */
  private void markDecisive(@Nullable ExpressionTree condition) {
    if (condition == null) {
      return;
    }
    decisive.add(condition);
    if (condition instanceof ParenthesizedTree parenthesized) {
      markDecisive(parenthesized.getExpression());
    } else if (condition.getKind() == Tree.Kind.LOGICAL_COMPLEMENT) {
      markDecisive(((UnaryTree) condition).getExpression());
    } else if (condition.getKind() == Tree.Kind.CONDITIONAL_AND
        || condition.getKind() == Tree.Kind.CONDITIONAL_OR) {
      markDecisive(((BinaryTree) condition).getLeftOperand());
      markDecisive(((BinaryTree) condition).getRightOperand());
    } else if (condition instanceof ConditionalExpressionTree choice) {
      markDecisive(choice.getCondition());
      markDecisive(choice.getTrueExpression());
      markDecisive(choice.getFalseExpression());
    }
  }

  private static boolean isBoolean(Tree tree) {
    Type type = ASTHelpers.getType(tree);
    return type != null && type.getKind() == TypeKind.BOOLEAN;
  }

  /**
   * Whether the value of {@code tree} decides where a statement goes: it is the condition of an
   * {@code if}, a loop or a value-picking ternary, or a boolean operand it is made of, or a
   * condition the CFG builder wrote (a for-each loop's {@code hasNext()}). A boolean expression
   * whose value is only stored or passed on ({@code more = r.moreResults() && n < max}) decides
   * nothing until the value is tested: on its short circuits the analysis learns only what drains
   * (see {@code OperationTransfer.test}).
   */
  boolean decidesABranch(@Nullable Tree tree) {
    // A condition the CFG builder made up (a for-each loop's hasNext()) is the loop's own.
    return tree == null || !sourceTrees.contains(tree) || decisive.contains(tree);
  }

  /**
   * The exceptional edges of {@code node} (the successors by exception type), or null if it has
   * none. Not from {@code node.getBlock()}: the CFG builder puts some nodes in several blocks (an
   * array access ends one block for its {@code NullPointerException} and one for its {@code
   * ArrayIndexOutOfBoundsException}; an integer division ends one and is repeated in the next), and
   * a node knows only the last; every edge must still get its store from the transfer function.
   */
  @Nullable Map<TypeMirror, Set<Block>> exceptionalEdgesOf(Node node) {
    return exceptionalEdges.get(node);
  }

  /** Which exceptional edges the checks follow by default; see {@link ExceptionalEdges}. */
  ExceptionalEdges exceptionalEdgeRule() {
    return exceptionalEdgeRule;
  }

  ProtocolModel model() {
    return unit.model();
  }

  UnitAnalysis summaries() {
    return unit;
  }

  Iterations iterations() {
    return unit.iterations();
  }

  BodyEntry entry() {
    return entry;
  }

  @Nullable OperationId receiverOperation() {
    return receiverOperation;
  }

  /**
   * Whether {@code tree} is part of the body's source, not a tree the CFG builder made up (their
   * positions are unreliable).
   */
  boolean isSourceTree(Tree tree) {
    return sourceTrees.contains(tree);
  }

  /** The if statement whose condition is {@code tree}, or null. */
  @Nullable IfTree ifWithCondition(Tree tree) {
    return ifsByCondition.get(tree);
  }

  /** Whether {@code tree} lies in a {@code finally} block of the body. */
  boolean inFinallyBlock(Tree tree) {
    int position = Positions.start(tree);
    for (int[] range : finallyBlocks) {
      if (position >= range[0] && position < range[1]) {
        return true;
      }
    }
    return false;
  }

  /** The try-with-resources resource that declares or names {@code variable}, if any. */
  @Nullable Tree resourceOf(@Nullable Element variable) {
    return variable == null ? null : resources.get(variable);
  }

  IdentityKey identityOf(@Nullable ExpressionTree identity) {
    return IdentityKey.of(identity, identity == null ? null : unit.sourceOf(identity));
  }

  @Nullable String sourceOf(@Nullable Tree tree) {
    return unit.sourceOf(tree);
  }

  /**
   * Records the exceptional edges of every node of {@code cfg} (the body's graph, or one chunk's):
   * a node knows only its last block, and the library places an array access or a division in
   * several, so the edges are collected from the blocks here before the dataflow runs on it.
   */
  void addGraph(ControlFlowGraph cfg) {
    for (Block block : cfg.getAllBlocks()) {
      if (block instanceof ExceptionBlock exceptionBlock
          && !exceptionBlock.getExceptionalSuccessors().isEmpty()) {
        // Most nodes end one block: their map is the block's own (never changed); a node in
        // several blocks gets a map of its own joining them.
        exceptionalEdges.merge(
            exceptionBlock.getNode(),
            exceptionBlock.getExceptionalSuccessors(),
            BodySetup::joinEdges);
      }
    }
  }

  private static Map<TypeMirror, Set<Block>> joinEdges(
      Map<TypeMirror, Set<Block>> known, Map<TypeMirror, Set<Block>> more) {
    Map<TypeMirror, Set<Block>> joined = new HashMap<>(known);
    joined.putAll(more);
    return joined;
  }

  /**
   * Makes {@link #initialStore} return {@code store} (null: the body's entry store again): the next
   * chunk of a body analysed in chunks ({@link StatementChunking}) starts where the last one ended.
   */
  void continueFrom(@Nullable OperationStore store) {
    continued = store;
  }

  /**
   * The entry store: the enclosing body's facts, the parameters, the receiver; or, for a chunk
   * after the first, the store where the one before ended.
   */
  OperationStore initialStore(List<LocalVariableNode> parameters) {
    if (continued != null) {
      return continued;
    }
    Map<Element, Value> locals = new LinkedHashMap<>();
    Map<OperationId, OperationState> operations = new LinkedHashMap<>();
    ContextStack context = entry.context();
    if (enclosing != null) {
      locals.putAll(enclosing.locals());
      // A body that runs during the call it is passed to (@RunsAs) sees the operations as they
      // are at its creation: it captures nothing the enclosing body had not captured already.
      // Inside code that runs later (another thread, a stored lambda), a nested @RunsAs body
      // runs later too, so what its enclosing body captured stays captured.
      enclosing
          .operations()
          .forEach((id, state) -> operations.put(id, entry.runsInline() ? state : state.capture()));
    }
    for (LocalVariableNode parameter : parameters) {
      Element element = parameter.getElement();
      if (element.asType() instanceof Type type && model().isOperationHandle(type)) {
        OperationId id = OperationId.of(element);
        operations.put(
            id,
            OperationState.fresh(
                Origin.PARAMETER,
                Synchrony.UNKNOWN,
                Results.UNKNOWN,
                parameter.getTree(),
                context));
        locals.put(element, Value.operation(id));
      } else {
        // Known to hold nothing the analysis follows (not absent: a join keeps the value of a
        // local only one side has, so a parameter assigned a constant on one path would keep it).
        locals.put(element, Value.TOP);
      }
    }
    if (receiverOperation != null) {
      operations.put(
          receiverOperation,
          OperationState.fresh(
              Origin.RECEIVER, Synchrony.UNKNOWN, Results.UNKNOWN, receiverTree, context));
    }
    return new OperationStore(locals, operations, context, null);
  }

  /** For tests and debugging. */
  @Override
  public String toString() {
    return "BodySetup[" + entry + "]";
  }
}
