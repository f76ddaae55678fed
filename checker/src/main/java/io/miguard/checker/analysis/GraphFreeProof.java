package io.miguard.checker.analysis;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.EnhancedForLoopTree;
import com.sun.source.tree.ExpressionStatementTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.IdentifierTree;
import com.sun.source.tree.IfTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MemberSelectTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.ReturnTree;
import com.sun.source.tree.StatementTree;
import com.sun.source.tree.ThrowTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TryTree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.UnaryTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.tree.YieldTree;
import com.sun.source.util.TreeScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symtab;
import com.sun.tools.javac.code.Type;
import com.sun.tools.javac.code.Types;
import com.sun.tools.javac.util.Name;
import io.miguard.checker.analysis.ProtocolModel.StartSpec;
import io.miguard.checker.analysis.ProtocolModel.Synchrony;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Proves, without a control-flow graph, that a body has nothing any check reports on its default
 * paths: the everyday shape of a correct MI method, an operation started synchronously as a
 * try-with-resources resource and drained before anything else can happen to it,
 *
 * <pre>{@code
 * try (MiOperation items = session.enumerateInstances(ns, cls)) {
 *   List<String> names = new ArrayList<>();
 *   for (MiInstance item : items.drainInstances()) { ... }   // or return items.drainInstances();
 * }                                                          // or readAll(items), @DrainsResults
 * }</pre>
 *
 * <p>A body is proven when every tree of it that has an operation, session or application type is
 * one of these try-with-resources' operation resource (its declaration, its start, the start's
 * receiver when that is a variable) or the one use of the resource in its block, or lies in a
 * nested lambda that is proven itself; and each such try-with-resources ({@code W}) is, within the
 * body:
 *
 * <ol>
 *   <li>without {@code catch} or {@code finally}, and not inside the block of a {@code try} that
 *       has handlers: no exception that leaves it is caught in the body;
 *   <li>the operation is its last resource, started by a method the protocol model says starts
 *       operations synchronously (or with a literal {@code null} callbacks argument), and its
 *       type's {@code close} is a closing method;
 *   <li>the resource is used once in the block, as the receiver of a method that drains its
 *       receiver or as the argument of a {@code @DrainsResults} parameter ({@code D}), which
 *       returns no handle;
 *   <li>the statements before {@code D}'s statement contain no {@code return}, {@code break},
 *       {@code continue}, {@code yield} or {@code throw} (outside nested bodies), nor does {@code
 *       D}'s statement, and {@code D} is evaluated whenever that statement is: it is reached from
 *       the statement (an expression statement, a {@code return}, a declaration's initializer, an
 *       {@code if} condition, a for-each's iterable) only through operands that are always
 *       evaluated (not a {@code ?:} branch, not the right of {@code &&} or {@code ||});
 *   <li>its block calls no method that enters or leaves a security context or runs code as another
 *       identity.
 * </ol>
 *
 * <p>Why the checks stay silent: the operation is the only one (no other tree has a handle type),
 * it is closed only by the implicit close, on every path; on every normal path to that close {@code
 * D} has drained it (1, 4); the exceptional paths before {@code D} leave the body uncaught and no
 * {@code throw} starts one (1, 4), so they are exceptional only, which the checks report only with
 * {@code ExceptionalPaths=true} (the checker then does not ask for a proof); it is started and
 * closed in the same security context on the same thread (5); it is synchronous (2); it is closed
 * (2); no result of it is ever read (3); no session or application is closed (no other handle
 * tree). Anything the proof does not recognise makes it fail, and the body is analysed with its
 * graph as before: the proof only ever saves work, it never decides a finding.
 */
final class GraphFreeProof {
  private final ProtocolModel model;
  private final Types types;
  private final Type autoCloseable;
  private final Name close;
  private final Map<Tree, Boolean> proven = new IdentityHashMap<>();

  /**
   * @param close the name {@code close}
   */
  GraphFreeProof(ProtocolModel model, Types types, Symtab symtab, Name close) {
    this.model = model;
    this.types = types;
    this.autoCloseable = symtab.autoCloseableType;
    this.close = close;
  }

  /**
   * Whether the body {@code body} (a method or a block lambda) is proven to have nothing to report
   * on its default paths.
   */
  boolean proves(Tree body) {
    Boolean known = proven.get(body);
    if (known == null) {
      known = prove(body);
      proven.put(body, known);
    }
    return known;
  }

  private boolean prove(Tree body) {
    Tree code;
    if (body instanceof MethodTree method && method.getBody() != null) {
      code = method;
    } else if (body instanceof LambdaExpressionTree lambda
        && lambda.getBodyKind() == LambdaExpressionTree.BodyKind.STATEMENT) {
      code = lambda.getBody();
    } else {
      return false;
    }
    MentionScan scan = new MentionScan();
    scan.scan(code, null);
    return scan.proven;
  }

  /**
   * Scans a body (not its nested bodies) for trees of a handle type; each must be one a proven
   * try-with-resources allows.
   */
  private final class MentionScan extends TreeScanner<Void, Void> {
    boolean proven = true;
    private final Set<Tree> allowed = Collections.newSetFromMap(new IdentityHashMap<>());
    private int catchingTries;

    @Override
    public Void scan(@Nullable Tree tree, Void unused) {
      if (tree == null || !proven) {
        return null;
      }
      if (!allowed.contains(tree) && model.isProtocolHandle(ASTHelpers.getType(tree))) {
        proven = false;
        return null;
      }
      return super.scan(tree, unused);
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
      if (HandleMentions.in(lambda, model) && !proves(lambda)) {
        proven = false;
      }
      return null;
    }

    @Override
    public Void visitClass(ClassTree nested, Void unused) {
      if (HandleMentions.in(nested, model)) {
        proven = false;
      }
      return null;
    }

    @Override
    public Void visitTry(TryTree tree, Void unused) {
      if (tree.getResources().stream().anyMatch(this::isHandleResource)) {
        if (catchingTries > 0 || !allow(tree)) {
          proven = false;
          return null;
        }
      }
      boolean catches = !tree.getCatches().isEmpty();
      catchingTries += catches ? 1 : 0;
      scan(tree.getResources(), unused);
      scan(tree.getBlock(), unused);
      catchingTries -= catches ? 1 : 0;
      scan(tree.getCatches(), unused);
      scan(tree.getFinallyBlock(), unused);
      return null;
    }

    private boolean isHandleResource(Tree resource) {
      return model.isProtocolHandle(ASTHelpers.getType(resource));
    }

    /** Whether {@code tree} has the proven shape; if so, its handle trees are allowed. */
    private boolean allow(TryTree tree) {
      List<? extends Tree> resources = tree.getResources();
      if (!tree.getCatches().isEmpty() || tree.getFinallyBlock() != null) {
        return false;
      }
      for (int i = 0; i < resources.size() - 1; i++) {
        if (isHandleResource(resources.get(i))) {
          return false;
        }
      }
      if (!(resources.get(resources.size() - 1) instanceof VariableTree resource)
          || !model.isOperationHandle((Type) ASTHelpers.getType(resource))
          || !closes((Type) ASTHelpers.getType(resource))
          || !(ASTHelpers.stripParentheses(resource.getInitializer())
              instanceof MethodInvocationTree start)
          || !startsSynchronously(start)) {
        return false;
      }
      Symbol variable = ASTHelpers.getSymbol(resource);
      Tree receiver = receiverVariable(start);
      Use use = onlyUse(tree, variable);
      if (use == null || !drainsFirst(tree.getBlock().getStatements(), use)) {
        return false;
      }
      allowed.add(resource);
      if (resource.getType() != null) {
        allowed.add(resource.getType());
      }
      allowed.add(resource.getInitializer());
      allowed.add(start);
      if (receiver != null) {
        allowed.add(receiver);
      }
      allowed.add(use.identifier());
      return true;
    }
  }

  /** Whether closing a resource of type {@code type} is a close of the operation. */
  private boolean closes(Type type) {
    List<MethodSymbol> closes =
        new ArrayList<>(
            ASTHelpers.findMatchingMethods(
                close, m -> m.getParameters().isEmpty(), autoCloseable, types));
    return closes.size() == 1 && model.closesReceiver(model.implementation(closes.get(0), type));
  }

  private boolean startsSynchronously(MethodInvocationTree start) {
    MethodSymbol method = ASTHelpers.getSymbol(start);
    StartSpec spec = model.startsOperation(method);
    if (spec == null) {
      return false;
    }
    if (spec.mode() == Synchrony.SYNC) {
      return true;
    }
    int callbacks = spec.callbacksParameter();
    return spec.mode() == Synchrony.UNKNOWN
        && callbacks >= 0
        && callbacks < start.getArguments().size()
        && ASTHelpers.stripParentheses(start.getArguments().get(callbacks)).getKind()
            == Tree.Kind.NULL_LITERAL;
  }

  /**
   * The start's receiver if it is a variable (a name or a field read), the only handle it may be.
   */
  private static @Nullable Tree receiverVariable(MethodInvocationTree start) {
    if (start.getMethodSelect() instanceof MemberSelectTree select) {
      ExpressionTree receiver = select.getExpression();
      if (receiver instanceof IdentifierTree
          || (receiver instanceof MemberSelectTree field
              && (field.getExpression() instanceof IdentifierTree))) {
        return receiver;
      }
    }
    return null;
  }

  /**
   * The one use of the resource in the block, with the draining call it is the receiver or argument
   * of, and the trees from that call up to the block's statement.
   */
  private record Use(IdentifierTree identifier, Tree drain, List<Tree> ancestors) {}

  private @Nullable Use onlyUse(TryTree tree, Symbol variable) {
    List<List<Tree>> found = new ArrayList<>();
    Deque<Tree> stack = new ArrayDeque<>();
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(@Nullable Tree node, Void unused) {
        if (node == null) {
          return null;
        }
        stack.push(node);
        if (node instanceof IdentifierTree identifier
            && ASTHelpers.getSymbol(identifier) == variable) {
          found.add(new ArrayList<>(stack));
        }
        super.scan(node, unused);
        stack.pop();
        return null;
      }
    }.scan(tree.getBlock(), null);
    if (found.size() != 1) {
      return null;
    }
    // Innermost first: the identifier, its parent, ..., the block.
    List<Tree> chain = found.get(0);
    IdentifierTree identifier = (IdentifierTree) chain.get(0);
    Tree parent = chain.get(1);
    Tree drain = null;
    int drainIndex;
    if (parent instanceof MemberSelectTree select
        && chain.get(2) instanceof MethodInvocationTree call
        && call.getMethodSelect() == select
        && model.drainsReceiver(ASTHelpers.getSymbol(call))) {
      drain = call;
      drainIndex = 2;
    } else if (parent instanceof MethodInvocationTree call
        && call.getArguments().contains(identifier)
        && model.drainsParameter(
            ASTHelpers.getSymbol(call), call.getArguments().indexOf(identifier))
        && !model.closesParameter(
            ASTHelpers.getSymbol(call), call.getArguments().indexOf(identifier))) {
      drain = call;
      drainIndex = 1;
    } else {
      return null;
    }
    if (model.isProtocolHandle(ASTHelpers.getType(drain))) {
      return null;
    }
    return new Use(identifier, drain, chain.subList(drainIndex, chain.size()));
  }

  /**
   * Whether, in the block {@code statements}, the draining call of {@code use} is evaluated before
   * anything can leave the block, and the block neither enters nor leaves a security context.
   */
  private boolean drainsFirst(List<? extends StatementTree> statements, Use use) {
    // ancestors: the drain, ..., the statement, the block.
    List<Tree> ancestors = use.ancestors();
    Tree statement = ancestors.get(ancestors.size() - 2);
    for (StatementTree candidate : statements) {
      if (changesContext(candidate)) {
        return false;
      }
    }
    for (StatementTree candidate : statements) {
      if (candidate == statement) {
        break;
      }
      if (leaves(candidate)) {
        return false;
      }
    }
    // Of the drain's statement, the part evaluated up to the drain: the statement's operand that
    // holds it (a return or a loop's body come after the drain).
    if (leaves(ancestors.get(ancestors.size() - 3))) {
      return false;
    }
    for (int i = 0; i + 1 < ancestors.size() - 1; i++) {
      if (!alwaysEvaluates(ancestors.get(i + 1), ancestors.get(i))) {
        return false;
      }
    }
    return true;
  }

  /** Whether evaluating {@code parent} always evaluates its operand {@code child}. */
  private static boolean alwaysEvaluates(Tree parent, Tree child) {
    if (parent instanceof ParenthesizedTree
        || parent instanceof TypeCastTree
        || parent instanceof MemberSelectTree
        || parent instanceof MethodInvocationTree
        || parent instanceof UnaryTree
        || parent instanceof ExpressionStatementTree
        || parent instanceof ReturnTree) {
      return true;
    }
    if (parent instanceof NewClassTree creation) {
      return child != creation.getClassBody();
    }
    if (parent instanceof BinaryTree binary) {
      return child == binary.getLeftOperand()
          || (binary.getKind() != Tree.Kind.CONDITIONAL_AND
              && binary.getKind() != Tree.Kind.CONDITIONAL_OR);
    }
    if (parent instanceof ConditionalExpressionTree conditional) {
      return child == conditional.getCondition();
    }
    if (parent instanceof AssignmentTree assignment) {
      return child == assignment.getExpression();
    }
    if (parent instanceof CompoundAssignmentTree assignment) {
      return child == assignment.getExpression();
    }
    if (parent instanceof VariableTree variable) {
      return child == variable.getInitializer();
    }
    if (parent instanceof IfTree branch) {
      return child == branch.getCondition();
    }
    return parent instanceof EnhancedForLoopTree loop && child == loop.getExpression();
  }

  /**
   * Whether {@code statement} may leave the block other than by completing normally, or throws on a
   * path the checks follow (outside its nested bodies).
   */
  private static boolean leaves(Tree statement) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(@Nullable Tree tree, Void unused) {
        if (tree == null || found[0]) {
          return null;
        }
        if (tree instanceof ReturnTree
            || tree instanceof BreakTree
            || tree instanceof ContinueTree
            || tree instanceof YieldTree
            || tree instanceof ThrowTree) {
          found[0] = true;
          return null;
        }
        return super.scan(tree, unused);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree nested, Void unused) {
        return null;
      }
    }.scan(statement, null);
    return found[0];
  }

  /** Whether {@code statement} calls a method that enters or leaves a security context. */
  private boolean changesContext(StatementTree statement) {
    boolean[] found = {false};
    new TreeScanner<Void, Void>() {
      @Override
      public Void scan(@Nullable Tree tree, Void unused) {
        if (tree == null || found[0]) {
          return null;
        }
        if ((tree instanceof MethodInvocationTree || tree instanceof NewClassTree)
            && ASTHelpers.getSymbol(tree) instanceof MethodSymbol method
            && (model.entersSecurityContextAtAll(method)
                || model.leavesSecurityContext(method)
                || model.runsAs(method))) {
          found[0] = true;
          return null;
        }
        return super.scan(tree, unused);
      }

      @Override
      public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
        return null;
      }

      @Override
      public Void visitClass(ClassTree nested, Void unused) {
        return null;
      }
    }.scan(statement, null);
    return found[0];
  }
}
