package io.miguard.checker.analysis;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ArrayTypeTree;
import com.sun.source.tree.AssignmentTree;
import com.sun.source.tree.BinaryTree;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.BreakTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompoundAssignmentTree;
import com.sun.source.tree.ConditionalExpressionTree;
import com.sun.source.tree.ContinueTree;
import com.sun.source.tree.DoWhileLoopTree;
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
import com.sun.source.tree.ParameterizedTypeTree;
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
import com.sun.tools.javac.code.Symbol.TypeSymbol;
import com.sun.tools.javac.code.Symbol.VarSymbol;
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
import javax.lang.model.element.ElementKind;
import org.jspecify.annotations.Nullable;

/**
 * Proves, without a control-flow graph, that a body has nothing any check reports on its default
 * paths: the everyday shapes of correct MI code, where each operation is started synchronously,
 * drained before anything else can happen to it, and then closed,
 *
 * <pre>{@code
 * try (MiOperation items = session.enumerateInstances(ns, cls)) {     // closed by the try
 *   for (MiInstance item : items.drainInstances()) { ... }             // or return readAll(items);
 * }
 *
 * MiOperation disks = session.queryInstances(ns, "WQL", query);       // closed explicitly
 * InstanceResult result;
 * do {
 *   result = disks.getInstance();                                     // or a for-each over
 *   ...                                                               // disks.instances()
 * } while (result.moreResults());
 * disks.close();
 * }</pre>
 *
 * <p>A body is proven when every tree of it that has an operation type belongs to the life of one
 * such operation (its declaration, its start, its drain, its explicit close), or lies in a nested
 * lambda that is proven itself; when it closes no session or application; and when each operation
 * is, within the body:
 *
 * <ol>
 *   <li><b>declared</b> as the last resource of a try-with-resources that has no {@code catch} or
 *       {@code finally}, or as a local variable of a block that closes it ({@code op.close();}) in
 *       a later statement of the same block or first thing in the {@code finally} of a later {@code
 *       try} without handlers whose block drains it, and in none of these cases inside the block of
 *       a {@code try} that has handlers: no exception from its life is caught in the body; or a
 *       parameter of a method that is not a callback, drained first by a statement of the method's
 *       own block and used nowhere else (not started, not closed here: a {@code @DrainsResults}
 *       helper drains it on every normal path, which its verification asks);
 *   <li><b>started</b> (unless a parameter) by a method the protocol model says starts operations
 *       synchronously (or with a literal {@code null} callbacks argument), with a type whose {@code
 *       close} closes it;
 *   <li><b>used</b> once between its declaration and its close, by the drain {@code D}: the
 *       receiver of a method that drains its receiver or the argument of a {@code @DrainsResults}
 *       parameter (returning no handle); a {@code do}-loop whose first statement is {@code r =
 *       op.retrieval()} and whose condition is {@code r.moreResults()}, with {@code r} a local
 *       named nowhere else; or a for-each over a method whose completed iteration drains;
 *   <li><b>drained first:</b> the statements from the declaration up to {@code D}'s contain no
 *       {@code return}, {@code break}, {@code continue}, {@code yield} or {@code throw} (outside
 *       nested bodies), nor does the part of {@code D}'s statement evaluated up to {@code D}; a
 *       drain call is reached from its statement (an expression statement, a {@code return}, a
 *       declaration, an {@code if} condition, a for-each's iterable) only through operands always
 *       evaluated (not a {@code ?:} branch, not the right of {@code &&} or {@code ||}); a drain
 *       loop's body has no such statement either (it runs until the last result), and assigns no
 *       variable from outside the loop that could hold a borrowed object (only primitives, their
 *       boxes and strings); with an explicit close, nothing from the declaration to the close
 *       leaves either;
 *   <li><b>in one context:</b> nothing from the start to the close enters or leaves a security
 *       context or runs code as another identity.
 * </ol>
 *
 * <p>Why the checks stay silent: each operation is closed once, after {@code D}, on every normal
 * path (1, 4), and {@code D} drains it (3); the exceptional paths before {@code D} leave the body
 * uncaught and no {@code throw} starts one (1, 4), so they are exceptional only, which the checks
 * report only with {@code ExceptionalPaths=true} (the checker then does not ask for a proof); it is
 * started and closed in the same context on one thread (5); it is synchronous (2); it is closed on
 * every path to normal completion (1, 4); the only results read are a drain loop's, each before the
 * next retrieval, and none is kept (3, 4); no session or application is closed. Anything the proof
 * does not recognise makes it fail, and the body is analysed with its graph as before: the proof
 * only ever saves work, it never decides a finding.
 */
final class GraphFreeProof {
  private final ProtocolModel model;
  private final Types types;
  private final Symtab symtab;
  private final Name close;
  private final Type stringType;

  /** {@code AutoCloseable.close()}, looked up on the first try-with-resources (not per unit). */
  private @Nullable MethodSymbol autoCloseableClose;

  private final Map<Tree, Verdict> verdicts = new IdentityHashMap<>();
  private final Map<TypeSymbol, Boolean> closingTypes = new IdentityHashMap<>();

  /**
   * @param close the name {@code close}
   */
  GraphFreeProof(ProtocolModel model, Types types, Symtab symtab, Name close) {
    this.model = model;
    this.types = types;
    this.symtab = symtab;
    this.close = close;
    this.stringType = symtab.stringType;
  }

  /** What the proof says of a body. */
  enum Verdict {
    /** The body names no handle at all: there was nothing to prove (the fast path's case). */
    NAMES_NO_HANDLE,
    /** The body names handles and is proven to have nothing to report on its default paths. */
    PROVEN,
    /** The proof does not apply: the body is analysed with its graph. */
    UNPROVEN
  }

  /** What the proof says of the body {@code body} (a method or a block lambda). */
  Verdict verdict(Tree body) {
    Verdict known = verdicts.get(body);
    if (known == null) {
      known = prove(body);
      verdicts.put(body, known);
    }
    return known;
  }

  /** Whether the body {@code body} has nothing to report on its default paths. */
  private boolean proves(Tree body) {
    return verdict(body) != Verdict.UNPROVEN;
  }

  private Verdict prove(Tree body) {
    Tree code;
    if (body instanceof MethodTree method && method.getBody() != null) {
      code = method;
    } else if (body instanceof LambdaExpressionTree lambda
        && lambda.getBodyKind() == LambdaExpressionTree.BodyKind.STATEMENT) {
      code = lambda.getBody();
    } else {
      return Verdict.UNPROVEN;
    }
    MentionScan scan = new MentionScan(code);
    scan.scan(code, null);
    if (!scan.proven) {
      return Verdict.UNPROVEN;
    }
    return scan.namesHandle ? Verdict.PROVEN : Verdict.NAMES_NO_HANDLE;
  }

  /**
   * Scans a body (not its nested bodies) for trees of an operation type and closes of sessions:
   * each operation tree must be one a proven operation's life allows.
   */
  private final class MentionScan extends TreeScanner<Void, Void> {
    boolean proven = true;
    boolean namesHandle;
    private final Set<Tree> allowed = Collections.newSetFromMap(new IdentityHashMap<>());
    private int catchingTries;
    private final Tree code;
    private @Nullable BodyFacts facts;

    MentionScan(Tree code) {
      this.code = code;
    }

    /** The body's facts, gathered when the first operation is met (not for bodies without one). */
    private BodyFacts facts() {
      if (facts == null) {
        facts = new BodyFacts(code);
      }
      return facts;
    }

    @Override
    public Void scan(@Nullable Tree tree, Void unused) {
      if (tree == null || !proven) {
        return null;
      }
      Type type = (Type) ASTHelpers.getType(tree);
      if (model.isProtocolHandle(type)) {
        namesHandle = true;
        if (!allowed.contains(tree) && model.isOperationHandle(type)) {
          proven = false;
          return null;
        }
      }
      return super.scan(tree, unused);
    }

    /**
     * A type written as a type argument or an array's component ({@code List<MiOperation>}) is no
     * value: an operation reached through it is an expression of an operation type, scanned.
     */
    @Override
    public Void visitParameterizedType(ParameterizedTypeTree type, Void unused) {
      return null;
    }

    @Override
    public Void visitArrayType(ArrayTypeTree type, Void unused) {
      return null;
    }

    @Override
    public Void visitLambdaExpression(LambdaExpressionTree lambda, Void unused) {
      if (HandleMentions.in(lambda, model)) {
        namesHandle = true;
        if (!proves(lambda)) {
          proven = false;
        }
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
    public Void visitMethodInvocation(MethodInvocationTree call, Void unused) {
      MethodSymbol method = ASTHelpers.getSymbol(call);
      if (model.closesSession(method) || model.closesApplication(method)) {
        proven = false;
        return null;
      }
      return super.visitMethodInvocation(call, unused);
    }

    /**
     * An operation parameter of a method that is no callback: drained first by its one use (the
     * caller's operation, neither started nor closed here).
     */
    @Override
    public Void visitMethod(MethodTree method, Void unused) {
      if (method.getBody() != null) {
        for (VariableTree parameter : method.getParameters()) {
          if (model.isOperationHandle((Type) ASTHelpers.getType(parameter))
              && !allowParameter(method, parameter)) {
            proven = false;
            return null;
          }
        }
      }
      return super.visitMethod(method, unused);
    }

    private boolean allowParameter(MethodTree method, VariableTree parameter) {
      MethodSymbol symbol = ASTHelpers.getSymbol(method);
      StatementIndex statements = facts().index(method.getBody().getStatements());
      List<Use> uses = facts().uses(ASTHelpers.getSymbol(parameter));
      Use drain = uses.size() == 1 ? statements.useIn(uses.get(0)) : null;
      if (model.isCallbackMethod(symbol)
          || drain == null
          || statements.leaves(0, statements.position(drain.statement()))
          || !drains(drain)) {
        return false;
      }
      allowed.add(parameter);
      if (parameter.getType() != null) {
        allowed.add(parameter.getType());
      }
      allowed.add(drain.identifier());
      return true;
    }

    @Override
    public Void visitBlock(BlockTree block, Void unused) {
      List<? extends StatementTree> statements = block.getStatements();
      int index = 0;
      for (StatementTree statement : statements) {
        if (statement instanceof VariableTree variable
            && model.isOperationHandle((Type) ASTHelpers.getType(variable))
            && !allowLocal(statements, index)) {
          proven = false;
          return null;
        }
        index++;
      }
      return super.visitBlock(block, unused);
    }

    @Override
    public Void visitTry(TryTree tree, Void unused) {
      if (tree.getResources().stream()
          .anyMatch(resource -> model.isProtocolHandle(ASTHelpers.getType(resource)))) {
        if (!allowResource(tree)) {
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

    /** A try-with-resources whose last resource is a proven operation, closed by the try. */
    private boolean allowResource(TryTree tree) {
      List<? extends Tree> resources = tree.getResources();
      if (catchingTries > 0 || !tree.getCatches().isEmpty() || tree.getFinallyBlock() != null) {
        return false;
      }
      for (int i = 0; i < resources.size() - 1; i++) {
        if (model.isProtocolHandle(ASTHelpers.getType(resources.get(i)))) {
          return false;
        }
      }
      if (!(resources.get(resources.size() - 1) instanceof VariableTree resource)
          || !startsProvenOperation(resource)) {
        return false;
      }
      StatementIndex statements = facts().index(tree.getBlock().getStatements());
      List<Use> uses = facts().uses(ASTHelpers.getSymbol(resource));
      Use drain = uses.size() == 1 ? statements.useIn(uses.get(0)) : null;
      if (drain == null
          || statements.changesContext(0, statements.size())
          || statements.leaves(0, statements.position(drain.statement()))
          || !drains(drain)) {
        return false;
      }
      allowOperation(resource, drain);
      return true;
    }

    /**
     * A local operation variable, the {@code index}th of {@code statements}, closed by a later one
     * of them.
     */
    private boolean allowLocal(List<? extends StatementTree> statements, int index) {
      VariableTree variable = (VariableTree) statements.get(index);
      if (catchingTries > 0 || !startsProvenOperation(variable)) {
        return false;
      }
      StatementIndex block = facts().index(statements);
      List<Use> uses = facts().uses(ASTHelpers.getSymbol(variable));
      Use drain = uses.size() == 2 ? block.useIn(uses.get(0)) : null;
      Use close = uses.size() == 2 ? block.useIn(uses.get(1)) : null;
      if (drain != null
          && close != null
          && drain.statement() == close.statement()
          && close.statement() instanceof TryTree guarded) {
        return allowClosedInFinally(block, index, guarded, variable, uses.get(0), uses.get(1));
      }
      if (drain == null
          || close == null
          || close.statement() == drain.statement()
          || !closes(close)) {
        return false;
      }
      int closing = block.position(close.statement());
      if (block.position(drain.statement()) > closing
          || block.changesContext(index + 1, closing)
          || block.leaves(index + 1, closing)
          || !drains(drain)) {
        return false;
      }
      allowOperation(variable, drain);
      allowed.add(close.identifier());
      return true;
    }

    /**
     * A local operation variable, the {@code index}th of {@code block}, drained first in the block
     * of {@code guarded}, a later statement of the same block, and closed by the first statement of
     * its {@code finally}: {@code try { D ... } finally { op.close(); ... }}, with no handlers.
     */
    private boolean allowClosedInFinally(
        StatementIndex block,
        int index,
        TryTree guarded,
        VariableTree variable,
        Use drainUse,
        Use closeUse) {
      if (!guarded.getCatches().isEmpty()
          || !guarded.getResources().isEmpty()
          || guarded.getFinallyBlock() == null) {
        return false;
      }
      StatementIndex cleanup = facts().index(guarded.getFinallyBlock().getStatements());
      StatementIndex body = facts().index(guarded.getBlock().getStatements());
      Use close = cleanup.useIn(closeUse);
      Use drain = body.useIn(drainUse);
      int at = block.position(guarded);
      if (close == null
          || drain == null
          || cleanup.position(close.statement()) != 0
          || !closes(close)
          || block.leaves(index + 1, at)
          || block.changesContext(index + 1, at)
          || body.changesContext(0, body.size())
          || body.leaves(0, body.position(drain.statement()))
          || !drains(drain)) {
        return false;
      }
      allowOperation(variable, drain);
      allowed.add(close.identifier());
      return true;
    }

    private void allowOperation(VariableTree variable, Use drain) {
      allowed.add(variable);
      if (variable.getType() != null) {
        allowed.add(variable.getType());
      }
      allowed.add(variable.getInitializer());
      MethodInvocationTree start =
          (MethodInvocationTree) ASTHelpers.stripParentheses(variable.getInitializer());
      allowed.add(start);
      allowed.add(drain.identifier());
    }

    /**
     * Whether {@code use} drains the operation it names, first thing (see the class comment, 3 and
     * 4).
     */
    private boolean drains(Use use) {
      List<Tree> chain = use.ancestors();
      Tree parent = chain.get(1);
      Tree grandparent = chain.size() > 2 ? chain.get(2) : null;
      if (parent instanceof MemberSelectTree select
          && grandparent instanceof MethodInvocationTree call
          && call.getMethodSelect() == select) {
        MethodSymbol method = ASTHelpers.getSymbol(call);
        if (model.drainsReceiver(method)) {
          return drainCall(use, 2);
        }
        if (model.drainedByIteration(method)) {
          return iterationDrains(use, call);
        }
        if (model.retrievesResult(method)) {
          return loopDrains(use, call);
        }
        return false;
      }
      if (parent instanceof MethodInvocationTree call
          && call.getArguments().contains(use.identifier())) {
        MethodSymbol method = ASTHelpers.getSymbol(call);
        int index = call.getArguments().indexOf(use.identifier());
        return model.drainsParameter(method, index)
            && !model.closesParameter(method, index)
            && drainCall(use, 1);
      }
      return false;
    }

    /** A drain call ({@code chain.get(callIndex)}), evaluated whenever its statement is. */
    private boolean drainCall(Use use, int callIndex) {
      List<Tree> chain = use.ancestors();
      if (model.isProtocolHandle(ASTHelpers.getType(chain.get(callIndex)))) {
        return false;
      }
      for (int i = callIndex; i + 1 < chain.size(); i++) {
        if (!alwaysEvaluates(chain.get(i + 1), chain.get(i))) {
          return false;
        }
      }
      // Of the drain's statement, the part evaluated up to the drain (a return, a loop's body or
      // an if's branches come after it).
      return chain.size() < 2 || !leaves(chain.get(chain.size() - 2));
    }

    /** {@code for (T item : op.instances()) body}: a body that always completes drains. */
    private boolean iterationDrains(Use use, MethodInvocationTree call) {
      List<Tree> chain = use.ancestors();
      return chain.size() == 4
          && chain.get(3) instanceof EnhancedForLoopTree loop
          && loop.getExpression() == call
          && !leaves(loop.getStatement())
          && keepsNoBorrowed(loop.getStatement());
    }

    /**
     * {@code do { r = op.retrieval(); ... } while (r.moreResults());} with {@code r} a local named
     * nowhere else in the body.
     */
    private boolean loopDrains(Use use, MethodInvocationTree call) {
      List<Tree> chain = use.ancestors();
      if (chain.size() != 7
          || !(chain.get(3) instanceof AssignmentTree assignment)
          || assignment.getExpression() != call
          || !(assignment.getVariable() instanceof IdentifierTree result)
          || !(chain.get(5) instanceof BlockTree body)
          || body.getStatements().isEmpty()
          || body.getStatements().get(0) != chain.get(4)
          || !(chain.get(6) instanceof DoWhileLoopTree loop)
          || !(ASTHelpers.stripParentheses(loop.getCondition())
              instanceof MethodInvocationTree condition)
          || !(condition.getMethodSelect() instanceof MemberSelectTree accessor)
          || !(ASTHelpers.stripParentheses(accessor.getExpression()) instanceof IdentifierTree read)
          || !model.isMoreResultsAccessor(ASTHelpers.getSymbol(condition))
          || !condition.getArguments().isEmpty()) {
        return false;
      }
      Symbol variable = ASTHelpers.getSymbol(result);
      if (!(variable instanceof VarSymbol local)
          || local.getKind() != ElementKind.LOCAL_VARIABLE
          || ASTHelpers.getSymbol(read) != variable
          || leaves(body)
          || !keepsNoBorrowed(body, assignment)) {
        return false;
      }
      // r is declared without a value and named only in the loop.
      VariableTree declaration = facts().declarations.get(variable);
      if (declaration == null
          || (declaration.getInitializer() != null
              && declaration.getInitializer().getKind() != Tree.Kind.NULL_LITERAL)) {
        return false;
      }
      // Every naming of r (all counted by the body's facts) is in the loop.
      int[] inLoop = {0};
      new TreeScanner<Void, Void>() {
        @Override
        public Void visitIdentifier(IdentifierTree identifier, Void unused) {
          if (ASTHelpers.getSymbol(identifier) == variable) {
            inLoop[0]++;
          }
          return null;
        }
      }.scan(loop, null);
      return inLoop[0] == facts().namings(variable);
    }

    /**
     * Whether {@code body} (a drain loop's) assigns no variable declared outside it that could hold
     * a borrowed object, but for {@code except}.
     */
    private boolean keepsNoBorrowed(Tree body, @Nullable Tree except) {
      boolean[] keeps = {false};
      // Locals are declared before they are assigned: those met so far are the body's own.
      Set<Symbol> declared = Collections.newSetFromMap(new IdentityHashMap<>());
      new OwnCodeScanner<Void, Void>() {
        @Override
        public Void scan(@Nullable Tree tree, Void unused) {
          if (tree == null || keeps[0] || tree == except) {
            return null;
          }
          if (tree instanceof VariableTree variable) {
            declared.add(ASTHelpers.getSymbol(variable));
          }
          ExpressionTree target = null;
          if (tree instanceof AssignmentTree assignment) {
            target = assignment.getVariable();
          } else if (tree instanceof CompoundAssignmentTree assignment) {
            target = assignment.getVariable();
          }
          if (target != null
              && !((target instanceof IdentifierTree
                      && declared.contains(ASTHelpers.getSymbol(target)))
                  || holdsNoObject(target))) {
            keeps[0] = true;
            return null;
          }
          return super.scan(tree, unused);
        }
      }.scan(body, null);
      return !keeps[0];
    }

    private boolean keepsNoBorrowed(Tree body) {
      return keepsNoBorrowed(body, null);
    }
  }

  /** Whether {@code target}'s type holds no borrowed object: a primitive, its box, a string. */
  private boolean holdsNoObject(ExpressionTree target) {
    Type type = ASTHelpers.getType(target);
    return type != null
        && (type.isPrimitive()
            || types.unboxedType(type).isPrimitive()
            || types.isSameType(type, stringType));
  }

  /** Whether the variable's initializer starts an operation synchronously, of a closing type. */
  private boolean startsProvenOperation(VariableTree variable) {
    Type type = ASTHelpers.getType(variable);
    return model.isOperationHandle(type)
        && closes(type)
        && ASTHelpers.stripParentheses(variable.getInitializer())
            instanceof MethodInvocationTree start
        && startsSynchronously(start)
        && startedOn(start);
  }

  /** Whether the implicit close of a resource of type {@code type} closes the operation. */
  private boolean closes(Type type) {
    return closingTypes.computeIfAbsent(
        type.tsym, t -> model.closesReceiver(model.implementation(autoCloseableClose(), type)));
  }

  private MethodSymbol autoCloseableClose() {
    if (autoCloseableClose == null) {
      autoCloseableClose =
          ASTHelpers.findMatchingMethods(
                  close, m -> m.getParameters().isEmpty(), symtab.autoCloseableType, types)
              .iterator()
              .next();
    }
    return autoCloseableClose;
  }

  /** Whether {@code use} is the statement {@code op.close();} of an explicit close. */
  private boolean closes(Use use) {
    List<Tree> chain = use.ancestors();
    return chain.size() == 4
        && chain.get(1) instanceof MemberSelectTree select
        && chain.get(2) instanceof MethodInvocationTree call
        && call.getMethodSelect() == select
        && call.getArguments().isEmpty()
        && chain.get(3) instanceof ExpressionStatementTree
        && model.closesReceiver(
            model.implementation(ASTHelpers.getSymbol(call), ASTHelpers.getType(use.identifier())));
  }

  private boolean startsSynchronously(MethodInvocationTree start) {
    StartSpec spec = model.startsOperation(ASTHelpers.getSymbol(start));
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
   * Whether the start's receiver, if any, is a variable: a name, or a field read through names
   * ({@code this.session}, {@code Sessions.LOCAL}, {@code com.acme.Sessions.LOCAL}), no call.
   */
  private static boolean startedOn(MethodInvocationTree start) {
    return !(start.getMethodSelect() instanceof MemberSelectTree select)
        || isName(select.getExpression());
  }

  /** Whether {@code expression} is a name or a chain of selected names. */
  private static boolean isName(ExpressionTree expression) {
    return expression instanceof IdentifierTree
        || (expression instanceof MemberSelectTree select && isName(select.getExpression()));
  }

  /**
   * A use of a variable: its identifier and the trees from it outwards (innermost first), up to the
   * body's code or, once placed in a statement list ({@link StatementIndex#useIn}), to its
   * statement there.
   */
  private record Use(IdentifierTree identifier, List<Tree> ancestors) {
    StatementTree statement() {
      return (StatementTree) ancestors.get(ancestors.size() - 1);
    }
  }

  /**
   * What one scan of a body finds, so that each question of the proof costs time independent of the
   * body's length: every use of each operation variable (with its trees outwards), how often every
   * other variable is named, every declaration, and, for a statement list asked about, where each
   * statement is.
   */
  private final class BodyFacts {
    private final Map<Symbol, List<Use>> uses = new IdentityHashMap<>();
    private final Map<Symbol, Integer> namings = new IdentityHashMap<>();
    final Map<Symbol, VariableTree> declarations = new IdentityHashMap<>();
    private final Map<List<? extends StatementTree>, StatementIndex> indexes =
        new IdentityHashMap<>();

    BodyFacts(Tree code) {
      Deque<Tree> stack = new ArrayDeque<>();
      new TreeScanner<Void, Void>() {
        @Override
        public Void scan(@Nullable Tree node, Void unused) {
          if (node == null) {
            return null;
          }
          if (node instanceof IdentifierTree identifier
              && ASTHelpers.getSymbol(identifier) instanceof VarSymbol variable) {
            namings.merge(variable, 1, Integer::sum);
            if (model.isOperationHandle(variable.type)) {
              stack.push(node);
              uses.computeIfAbsent(variable, v -> new ArrayList<>())
                  .add(new Use(identifier, new ArrayList<>(stack)));
              stack.pop();
            }
            return null;
          }
          if (node instanceof VariableTree declaration) {
            declarations.put(ASTHelpers.getSymbol(declaration), declaration);
          }
          stack.push(node);
          super.scan(node, unused);
          stack.pop();
          return null;
        }
      }.scan(code, null);
    }

    /** The uses of the operation variable {@code variable} in the body, in source order. */
    List<Use> uses(Symbol variable) {
      return uses.getOrDefault(variable, List.of());
    }

    /** How many identifiers of the body name {@code variable}. */
    int namings(Symbol variable) {
      return namings.getOrDefault(variable, 0);
    }

    StatementIndex index(List<? extends StatementTree> statements) {
      return indexes.computeIfAbsent(statements, StatementIndex::new);
    }
  }

  /**
   * A statement list: the position of each statement, and how many statements before each position
   * may leave the list or change the security context.
   */
  private final class StatementIndex {
    private final Map<Tree, Integer> positions = new IdentityHashMap<>();
    private final int[] leaving;
    private final int[] changing;

    StatementIndex(List<? extends StatementTree> statements) {
      leaving = new int[statements.size() + 1];
      changing = new int[statements.size() + 1];
      int i = 0;
      for (StatementTree statement : statements) {
        positions.put(statement, i);
        boolean[] found = flow(statement);
        leaving[i + 1] = leaving[i] + (found[0] ? 1 : 0);
        changing[i + 1] = changing[i] + (found[1] ? 1 : 0);
        i++;
      }
    }

    int size() {
      return leaving.length - 1;
    }

    /** The position of {@code statement}, one of this list's. */
    int position(StatementTree statement) {
      Integer position = positions.get(statement);
      if (position == null) {
        throw new IllegalArgumentException("not a statement of this list: " + statement);
      }
      return position;
    }

    /** Whether a statement from position {@code from} to before {@code to} may leave the list. */
    boolean leaves(int from, int to) {
      return leaving[to] - leaving[from] > 0;
    }

    /** Whether a statement from position {@code from} to before {@code to} changes the context. */
    boolean changesContext(int from, int to) {
      return changing[to] - changing[from] > 0;
    }

    /** {@code use} up to its statement in this list, or null if it is not in the list. */
    @Nullable Use useIn(Use use) {
      List<Tree> ancestors = use.ancestors();
      for (int i = 0; i < ancestors.size(); i++) {
        if (positions.containsKey(ancestors.get(i))) {
          return new Use(use.identifier(), ancestors.subList(0, i + 1));
        }
      }
      return null;
    }
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
   * Whether {@code tree} may leave the statement list it is in other than by completing normally,
   * or throws on a path the checks follow (outside its nested bodies).
   */
  private boolean leaves(Tree tree) {
    return flow(tree)[0];
  }

  /**
   * What {@code tree} (outside its nested bodies) may do to the flow: leave its statement list by a
   * {@code return}, {@code break}, {@code continue}, {@code yield} or {@code throw} (element 0);
   * call a method that enters or leaves a security context or runs code as another identity
   * (element 1).
   */
  private boolean[] flow(Tree tree) {
    boolean[] found = {false, false};
    new OwnCodeScanner<Void, Void>() {
      @Override
      public Void scan(@Nullable Tree node, Void unused) {
        if (node == null || (found[0] && found[1])) {
          return null;
        }
        if (node instanceof ReturnTree
            || node instanceof BreakTree
            || node instanceof ContinueTree
            || node instanceof YieldTree
            || node instanceof ThrowTree) {
          found[0] = true;
        } else if ((node instanceof MethodInvocationTree || node instanceof NewClassTree)
            && ASTHelpers.getSymbol(node) instanceof MethodSymbol method
            && (model.entersSecurityContextAtAll(method)
                || model.leavesSecurityContext(method)
                || model.runsAs(method))) {
          found[1] = true;
        }
        return super.scan(node, unused);
      }
    }.scan(tree, null);
    return found;
  }
}
