package io.miguard.checker.analysis;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.ExpressionTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodInvocationTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.NewClassTree;
import com.sun.source.tree.ParenthesizedTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.TypeCastTree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.processing.JavacProcessingEnvironment;
import com.sun.tools.javac.util.Context;
import io.miguard.checker.analysis.MethodSummary.Factory;
import io.miguard.checker.analysis.MethodSummary.ParameterEffect;
import io.miguard.checker.analysis.OperationState.Origin;
import io.miguard.checker.analysis.ProtocolModel.Results;
import io.miguard.checker.analysis.ProtocolModel.Synchrony;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import org.checkerframework.errorprone.dataflow.analysis.ForwardAnalysisImpl;
import org.checkerframework.errorprone.dataflow.cfg.ControlFlowGraph;
import org.checkerframework.errorprone.dataflow.cfg.UnderlyingAST;
import org.checkerframework.errorprone.dataflow.cfg.builder.CFGBuilder;
import org.jspecify.annotations.Nullable;

/**
 * The analyses of one compilation unit, shared by both checks: each body is analysed at most once
 * (per {@link AnalysisOptions}), lazily, and summaries of the unit's methods are computed from
 * those analyses on demand.
 *
 * <p>Obtain it with {@link #of(VisitorState, AnalysisOptions)} from any check; it lives in the
 * compilation's context while its unit is being checked.
 */
public final class UnitAnalysis {
  /**
   * The analyses of the unit being checked, per options, kept in the compilation's context (so they
   * end with it): Error Prone runs every check over one unit before the next, so only the current
   * unit's analyses are kept.
   */
  private static final Context.Key<Map<AnalysisOptions, UnitAnalysis>> CURRENT =
      new Context.Key<>();

  /**
   * When set (system property {@code miguard.analysis.failFast=true}, as the tests do), an
   * exception while analysing a body is rethrown instead of skipping the body silently.
   */
  private static final boolean FAIL_FAST = Boolean.getBoolean("miguard.analysis.failFast");

  private final CompilationUnitTree unit;
  private final AnalysisOptions options;
  private final ProcessingEnvironment environment;
  private final ProtocolModel model;
  private final Iterations iterations;
  private final SourceText source;
  private final Map<Tree, BodyAnalysis> analyses = new IdentityHashMap<>();
  private final Set<Tree> skipped = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Tree> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Map<MethodSymbol, MethodSummary> summaries = new HashMap<>();
  private final Set<MethodSymbol> noSummary = new HashSet<>();
  private @Nullable Map<MethodSymbol, TreePath> methods;

  /** The state of the check that asked last, for the thread-hop catalogue's type queries. */
  private VisitorState state;

  private UnitAnalysis(CompilationUnitTree unit, AnalysisOptions options, Context context) {
    this.unit = unit;
    this.options = options;
    this.environment = JavacProcessingEnvironment.instance(context);
    this.model = new ProtocolModel(context);
    this.iterations = new Iterations(context);
    this.source = new SourceText(unit);
  }

  /** The analyses of the compilation unit {@code state} is in. */
  public static UnitAnalysis of(VisitorState state, AnalysisOptions options) {
    Context context = state.context;
    Map<AnalysisOptions, UnitAnalysis> current = context.get(CURRENT);
    if (current == null) {
      current = new HashMap<>();
      context.put(CURRENT, current);
    }
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    UnitAnalysis analysis = current.get(options);
    if (analysis == null || analysis.unit != unit) {
      analysis = new UnitAnalysis(unit, options, context);
      current.put(options, analysis);
    }
    analysis.state = state;
    return analysis;
  }

  /** The protocol model of this compilation. */
  public ProtocolModel model() {
    return model;
  }

  AnalysisOptions options() {
    return options;
  }

  Iterations iterations() {
    return iterations;
  }

  SourceText source() {
    return source;
  }

  /**
   * The analysis of the body at {@code path}: a method or constructor, a lambda, an initializer
   * block, or a field with an initializer. Null when there is nothing to analyse: no body, a body
   * that never mentions an operation-handle type (the fast path), or a body whose analysis failed
   * (it is skipped; no diagnostic is invented).
   */
  public @Nullable BodyAnalysis analyse(TreePath path) {
    Tree leaf = path.getLeaf();
    BodyAnalysis known = analyses.get(leaf);
    if (known != null || skipped.contains(leaf) || inProgress.contains(leaf)) {
      return known;
    }
    inProgress.add(leaf);
    try {
      BodyAnalysis result = compute(path);
      if (result == null) {
        skipped.add(leaf);
      } else {
        analyses.put(leaf, result);
      }
      return result;
    } catch (RuntimeException | StackOverflowError e) {
      if (FAIL_FAST) {
        throw e;
      }
      skipped.add(leaf);
      return null;
    } finally {
      inProgress.remove(leaf);
    }
  }

  private @Nullable BodyAnalysis compute(TreePath path) {
    Tree leaf = path.getLeaf();
    Tree code = codeOf(leaf);
    if (code == null) {
      return null;
    }
    Tree receiverTree = receiverDrainingMethod(path);
    if (receiverTree == null && !HandleMentions.in(leaf, model)) {
      return null;
    }
    ClassTree enclosingClass = ASTHelpers.findEnclosingNode(path, ClassTree.class);
    if (enclosingClass == null) {
      return null;
    }
    Nesting nesting = nestingOf(path);
    OperationStore enclosingStore = null;
    BodyEntry entry;
    if (nesting != null) {
      BodyAnalysis enclosing = analyse(nesting.enclosingBody());
      enclosingStore = enclosing == null ? null : enclosing.storeWhereCreated(nesting.nested());
      if (enclosingStore == null) {
        // The enclosing body was skipped or never creates this one (dead code): start afresh.
        entry = topLevelEntry(leaf);
      } else {
        entry = nestedEntry(nesting, enclosingStore.context(), path);
      }
    } else {
      entry = topLevelEntry(leaf);
    }

    UnderlyingAST ast;
    if (leaf instanceof MethodTree method) {
      ast = new UnderlyingAST.CFGMethod(method, enclosingClass);
    } else if (leaf instanceof LambdaExpressionTree lambda) {
      ast =
          new UnderlyingAST.CFGLambda(
              lambda, enclosingClass, ASTHelpers.findEnclosingNode(path, MethodTree.class));
    } else {
      ast = new UnderlyingAST.CFGStatement(leaf, enclosingClass);
    }
    TreePath codePath = code == leaf ? path : new TreePath(path, code);
    ControlFlowGraph cfg = CFGBuilder.build(codePath, ast, false, false, environment);

    BodySetup setup = new BodySetup(this, code, entry, enclosingStore, receiverTree);
    BodyRecorder recorder = new BodyRecorder();
    ForwardAnalysisImpl<Value, OperationStore, OperationTransfer> analysis =
        new ForwardAnalysisImpl<>(new OperationTransfer(setup, recorder));
    analysis.performAnalysis(cfg);

    return new BodyAnalysis(
        path,
        entry,
        CloseEvents.build(recorder, setup),
        reachable(analysis.getRegularExitStore()),
        setup.receiverOperation(),
        creations(recorder),
        ImmutableList.copyOf(recorder.returns.values()));
  }

  private static @Nullable OperationStore reachable(@Nullable OperationStore store) {
    return store == null || store.isUnreachable() ? null : store;
  }

  /** The code whose CFG is built for a body tree, or null if it has none. */
  private static @Nullable Tree codeOf(Tree leaf) {
    if (leaf instanceof MethodTree method) {
      return method.getBody();
    }
    if (leaf instanceof LambdaExpressionTree lambda) {
      return lambda.getBody();
    }
    if (leaf instanceof BlockTree) {
      return leaf;
    }
    if (leaf instanceof VariableTree variable && variable.getInitializer() != null) {
      return leaf;
    }
    return null;
  }

  /** For a {@code @DrainsResults} method of a handle type, the method: its receiver is tracked. */
  private @Nullable Tree receiverDrainingMethod(TreePath path) {
    if (path.getLeaf() instanceof MethodTree method
        && (Symbol) ASTHelpers.getSymbol(method) instanceof MethodSymbol symbol
        && model.drainsReceiver(symbol)) {
      return method;
    }
    return null;
  }

  /** Nested bodies created at several copies of one node (in finally blocks) join their stores. */
  private static Map<Tree, OperationStore> creations(BodyRecorder recorder) {
    Map<Tree, OperationStore> result = new IdentityHashMap<>();
    for (BodyRecorder.Creation creation : recorder.creations.values()) {
      result.merge(creation.nested(), creation.store(), OperationStore::leastUpperBound);
    }
    return result;
  }

  // ---- nesting ----

  /**
   * Where a nested body is created.
   *
   * @param nested the tree whose creation the enclosing body records: the lambda, or the class body
   * @param enclosingBody the path to the body that creates it
   * @param handOff the call or constructor the nested body is passed to, or null
   * @param argumentIndex its argument index in {@code handOff}
   */
  private record Nesting(
      Tree nested, TreePath enclosingBody, @Nullable Tree handOff, int argumentIndex) {}

  private static @Nullable Nesting nestingOf(TreePath path) {
    TreePath created;
    Tree nested;
    if (path.getLeaf() instanceof LambdaExpressionTree) {
      created = path;
      nested = path.getLeaf();
    } else {
      TreePath classPath = path.getParentPath();
      if (classPath == null || !(classPath.getLeaf() instanceof ClassTree)) {
        return null;
      }
      TreePath outer = classPath.getParentPath();
      if (outer == null
          || outer.getLeaf() instanceof ClassTree
          || outer.getLeaf() instanceof CompilationUnitTree) {
        return null; // a member or top-level class: its members are entered by their callers
      }
      nested = classPath.getLeaf();
      created = outer.getLeaf() instanceof NewClassTree ? outer : classPath;
    }
    TreePath enclosing = enclosingBody(created.getParentPath());
    if (enclosing == null) {
      return null;
    }
    HandOff handOff = handOffOf(created, nested);
    return new Nesting(
        nested,
        enclosing,
        handOff == null ? null : handOff.call(),
        handOff == null ? -1 : handOff.index());
  }

  /** A call and the index of the argument through which code is handed to it. */
  private record HandOff(Tree call, int index) {}

  /**
   * The call that receives the code created at {@code created} directly as an argument (through
   * parentheses and casts), or null.
   */
  private static @Nullable HandOff handOffOf(TreePath created, Tree nested) {
    TreePath argument = created;
    TreePath parent = created.getParentPath();
    while (parent != null
        && (parent.getLeaf() instanceof ParenthesizedTree
            || parent.getLeaf() instanceof TypeCastTree)) {
      argument = parent;
      parent = parent.getParentPath();
    }
    if (parent == null) {
      return null;
    }
    List<? extends ExpressionTree> arguments = null;
    if (parent.getLeaf() instanceof MethodInvocationTree call) {
      arguments = call.getArguments();
    } else if (parent.getLeaf() instanceof NewClassTree construction
        && construction.getClassBody() != nested) {
      arguments = construction.getArguments();
    }
    int index = arguments == null ? -1 : arguments.indexOf(argument.getLeaf());
    return index < 0 ? null : new HandOff(parent.getLeaf(), index);
  }

  /**
   * Where code created with context {@code creation} runs (a method reference, whose body is
   * elsewhere).
   *
   * @param context as the identity of a {@code @RunsAs} call it is passed to, fresh on another
   *     thread, or as created
   * @param inline whether it runs during the call it is passed to ({@code @RunsAs}), so that the
   *     state at its creation is the state when it runs
   */
  record Placement(ContextStack context, boolean inline) {}

  Placement placementOf(Tree code, ContextStack creation) {
    TreePath path = TreePath.getPath(unit, code);
    if (path == null) {
      return new Placement(creation, false);
    }
    HandOff handOff = handOffOf(path, code);
    if (handOff != null) {
      ContextEntry runAs = runAsEntry(handOff.call(), handOff.index());
      if (runAs != null) {
        return new Placement(creation.push(runAs), true);
      }
    }
    if (ThreadHops.runsOnAnotherThread(path, state)) {
      Tree where = handOff != null ? handOff.call() : code;
      return new Placement(
          ContextStack.startingWith(new ContextEntry(ContextEntry.Kind.OTHER_THREAD, null, where)),
          false);
    }
    return new Placement(creation, false);
  }

  /**
   * The entry a {@code @RunsAs} call makes for the code passed as its argument {@code index}, or
   * null if the call is not one or that argument is its identity.
   */
  private @Nullable ContextEntry runAsEntry(Tree call, int index) {
    if (!(ASTHelpers.getSymbol(call) instanceof MethodSymbol callee) || !model.runsAs(callee)) {
      return null;
    }
    int identity = model.identityParameter(callee);
    if (index == identity) {
      return null;
    }
    List<? extends ExpressionTree> arguments =
        call instanceof MethodInvocationTree invocation
            ? invocation.getArguments()
            : ((NewClassTree) call).getArguments();
    ExpressionTree identityArgument =
        identity >= 0 && identity < arguments.size() ? arguments.get(identity) : null;
    return new ContextEntry(
        ContextEntry.Kind.RUN_AS,
        IdentityKey.of(identityArgument, source.of(identityArgument)),
        call);
  }

  /** The nearest body that contains {@code path}: a method, lambda, initializer or field. */
  private static @Nullable TreePath enclosingBody(@Nullable TreePath path) {
    for (TreePath p = path; p != null; p = p.getParentPath()) {
      Tree leaf = p.getLeaf();
      if (leaf instanceof MethodTree || leaf instanceof LambdaExpressionTree) {
        return p;
      }
      TreePath parent = p.getParentPath();
      if (parent != null
          && parent.getLeaf() instanceof ClassTree
          && (leaf instanceof BlockTree || leaf instanceof VariableTree)) {
        return p;
      }
      if (leaf instanceof ClassTree) {
        return null;
      }
    }
    return null;
  }

  private BodyEntry topLevelEntry(Tree leaf) {
    if (leaf instanceof MethodTree method
        && (Symbol) ASTHelpers.getSymbol(method) instanceof MethodSymbol symbol
        && model.isCallbackMethod(symbol)) {
      return new BodyEntry(
          BodyEntry.Kind.CALLBACK,
          false,
          ContextStack.startingWith(new ContextEntry(ContextEntry.Kind.CALLBACK, null, method)),
          null);
    }
    return new BodyEntry(
        BodyEntry.Kind.METHOD,
        false,
        ContextStack.startingWith(new ContextEntry(ContextEntry.Kind.METHOD_ENTRY, null, null)),
        null);
  }

  private BodyEntry nestedEntry(Nesting nesting, ContextStack enclosingContext, TreePath path) {
    Tree leaf = path.getLeaf();
    if (leaf instanceof MethodTree method
        && (Symbol) ASTHelpers.getSymbol(method) instanceof MethodSymbol symbol
        && model.isCallbackMethod(symbol)) {
      return new BodyEntry(
          BodyEntry.Kind.CALLBACK,
          true,
          ContextStack.startingWith(new ContextEntry(ContextEntry.Kind.CALLBACK, null, method)),
          nesting.handOff());
    }
    Tree handOff = nesting.handOff();
    ContextEntry runAs = handOff == null ? null : runAsEntry(handOff, nesting.argumentIndex());
    if (runAs != null) {
      return new BodyEntry(BodyEntry.Kind.RUN_AS, true, enclosingContext.push(runAs), handOff);
    }
    if (ThreadHops.runsOnAnotherThread(path, state)) {
      Tree where = handOff != null ? handOff : nesting.nested();
      return new BodyEntry(
          BodyEntry.Kind.OTHER_THREAD,
          true,
          ContextStack.startingWith(new ContextEntry(ContextEntry.Kind.OTHER_THREAD, null, where)),
          handOff);
    }
    return new BodyEntry(BodyEntry.Kind.SAME_THREAD, true, enclosingContext, handOff);
  }

  // ---- summaries ----

  /**
   * The summary of a method declared in this compilation unit (outside local and anonymous
   * classes), or null if it has none: declared elsewhere, no body, not analysable, or being
   * analysed (recursion).
   */
  @Nullable MethodSummary summaryOf(MethodSymbol method) {
    MethodSummary known = summaries.get(method);
    if (known != null || noSummary.contains(method)) {
      return known;
    }
    TreePath path = methods().get(method);
    if (path == null || inProgress.contains(path.getLeaf())) {
      return null;
    }
    BodyAnalysis analysis = analyse(path);
    MethodSummary summary =
        analysis == null ? null : summarise((MethodTree) path.getLeaf(), analysis);
    if (summary == null) {
      noSummary.add(method);
    } else {
      summaries.put(method, summary);
    }
    return summary;
  }

  private static MethodSummary summarise(MethodTree method, BodyAnalysis analysis) {
    List<@Nullable ParameterEffect> parameters = new ArrayList<>();
    for (VariableTree parameter : method.getParameters()) {
      Symbol symbol = ASTHelpers.getSymbol(parameter);
      OperationStore exit = analysis.exitStore();
      OperationState state = exit == null ? null : exit.operation(OperationId.of(symbol));
      if (exit == null) {
        // Never returns normally: whatever it is given is drained on every normal path.
        parameters.add(new ParameterEffect(DrainState.YES, DrainState.YES, false));
      } else if (state == null) {
        parameters.add(null);
      } else {
        parameters.add(
            new ParameterEffect(state.drainedAsMulti(), state.drainedAsSingle(), state.escaped()));
      }
    }
    return new MethodSummary(factoryOf(analysis), parameters);
  }

  /** A factory returns, on every return, an operation started in its body (or null). */
  private static @Nullable Factory factoryOf(BodyAnalysis analysis) {
    Synchrony synchrony = null;
    Results results = null;
    for (BodyRecorder.Return returned : analysis.returns()) {
      Value value = returned.value();
      if (value.is(Value.Kind.NULL)) {
        continue;
      }
      if (!value.is(Value.Kind.OPERATION)) {
        return null;
      }
      for (OperationId id : value.operations()) {
        OperationState state = returned.store().operation(id);
        if (state == null || state.origin() != Origin.STARTED || state.captured()) {
          return null;
        }
        synchrony =
            synchrony == null || synchrony == state.synchrony()
                ? state.synchrony()
                : Synchrony.UNKNOWN;
        results = results == null || results == state.results() ? state.results() : Results.SINGLE;
      }
    }
    return synchrony == null ? null : new Factory(synchrony, results);
  }

  /** The methods of this unit that callers may summarise, by symbol. */
  private Map<MethodSymbol, TreePath> methods() {
    if (methods == null) {
      Map<MethodSymbol, TreePath> found = new LinkedHashMap<>();
      new TreePathScanner<Void, Void>() {
        @Override
        public Void visitClass(ClassTree tree, Void unused) {
          Tree parent = getCurrentPath().getParentPath().getLeaf();
          if (parent instanceof ClassTree || parent instanceof CompilationUnitTree) {
            return super.visitClass(tree, unused);
          }
          return null;
        }

        @Override
        public Void visitMethod(MethodTree tree, Void unused) {
          MethodSymbol symbol = ASTHelpers.getSymbol(tree);
          if (symbol != null && tree.getBody() != null) {
            found.put(symbol, getCurrentPath());
          }
          return null;
        }
      }.scan(unit, null);
      methods = found;
    }
    return methods;
  }

  @Override
  public String toString() {
    return "UnitAnalysis[" + unit.getSourceFile().getName() + ", " + options + "]";
  }
}
