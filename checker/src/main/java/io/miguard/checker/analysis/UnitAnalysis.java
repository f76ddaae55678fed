package io.miguard.checker.analysis;

import com.google.common.collect.ImmutableList;
import com.google.errorprone.VisitorState;
import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.BlockTree;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.LambdaExpressionTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import com.sun.tools.javac.code.Symtab;
import com.sun.tools.javac.processing.JavacProcessingEnvironment;
import com.sun.tools.javac.tree.TreeMaker;
import com.sun.tools.javac.util.Context;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Set;
import javax.annotation.processing.ProcessingEnvironment;
import org.checkerframework.errorprone.dataflow.cfg.ControlFlowGraph;
import org.checkerframework.errorprone.dataflow.cfg.UnderlyingAST;
import org.jspecify.annotations.Nullable;

/**
 * The analyses of one compilation unit, shared by every check: each body is analysed at most once,
 * lazily, whatever the checks' options (an analysis records, for each close, which paths are
 * followed by default and which only with {@code ExceptionalPaths=true}: each check filters them
 * when it reports), and summaries of the unit's methods are computed from those analyses on demand.
 *
 * <p>Obtain it with {@link #of(VisitorState, MiguardFlags)} from any check; it lives in the
 * compilation's context while its unit is being checked.
 */
public final class UnitAnalysis {
  /**
   * The analyses of the unit being checked, kept in the compilation's context (so they end with
   * it): Error Prone runs every check over one unit before the next, so only the current unit's
   * analyses are kept.
   */
  private static final Context.Key<Current> CURRENT = new Context.Key<>();

  /**
   * The compilation's holder of the current unit's analyses, and how many bodies it has analysed in
   * this compilation (for tests: see {@link #bodiesAnalysed}).
   */
  private static final class Current {
    @Nullable UnitAnalysis unit;
    int bodiesAnalysed;
    int bodiesProven;
  }

  private final CompilationUnitTree unit;
  private final Current current;
  private final MiguardFlags flags;
  private final SkippedBodies skippedBodies;
  private final ProcessingEnvironment environment;
  private final TreeMaker trees;
  private final Symtab symtab;
  private final ProtocolModel model;
  private final Iterations iterations;
  private final Map<Tree, BodyAnalysis> analyses = new IdentityHashMap<>();
  private final Set<Tree> skipped = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Tree> failed = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Tree> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Tree> proven = Collections.newSetFromMap(new IdentityHashMap<>());
  private final BodyEntries entries;
  private final MethodSummaries summaries;
  private final GraphFreeProof proof;

  /** Whether any tree of the unit has an operation-handle type; computed on first need. */
  private @Nullable Boolean unitMentionsHandles;

  /** The state of the check that asked last, for the thread-hop catalogue's type queries. */
  private VisitorState state;

  private UnitAnalysis(
      CompilationUnitTree unit, Current current, MiguardFlags flags, VisitorState state) {
    Context context = state.context;
    this.unit = unit;
    this.state = state;
    this.current = current;
    this.flags = flags;
    this.skippedBodies = SkippedBodies.instance(context);
    this.environment = JavacProcessingEnvironment.instance(context);
    this.trees = TreeMaker.instance(context);
    this.symtab = Symtab.instance(context);
    this.model = ProtocolModel.instance(state);
    this.iterations = new Iterations(context);
    this.entries = new BodyEntries(model);
    this.summaries = new MethodSummaries(this, unit);
    this.proof = new GraphFreeProof(model, state.getTypes(), symtab, state.getName("close"));
  }

  /**
   * The analyses of the compilation unit {@code state} is in. The flags are those of the
   * compilation; the first check to ask in a unit supplies them (every check has the same).
   */
  public static UnitAnalysis of(VisitorState state, MiguardFlags flags) {
    Context context = state.context;
    Current current = context.get(CURRENT);
    if (current == null) {
      current = new Current();
      context.put(CURRENT, current);
    }
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    UnitAnalysis analysis = current.unit;
    if (analysis == null || analysis.unit != unit) {
      analysis = new UnitAnalysis(unit, current, flags, state);
      current.unit = analysis;
    }
    analysis.state = state;
    return analysis;
  }

  /**
   * For tests: how many bodies have been analysed (not taken from the cache) in the compilation
   * whose context is given, over all its units; 0 before the first.
   */
  public static int bodiesAnalysed(Context context) {
    Current current = context.get(CURRENT);
    return current == null ? 0 : current.bodiesAnalysed;
  }

  /**
   * For tests: how many bodies that name a handle were proven without a graph ({@link
   * #provenSilent}) in the compilation whose context is given; 0 before the first.
   */
  public static int bodiesProven(Context context) {
    Current current = context.get(CURRENT);
    return current == null ? 0 : current.bodiesProven;
  }

  /**
   * Whether the body at {@code path} (a method or a lambda) is proven, without its graph, to have
   * nothing to report on the paths the checks follow by default (see {@link GraphFreeProof}); a
   * check that reports those paths only may then skip it. False when the proofs are off ({@code
   * -XepOpt:Miguard:GraphFreeProofs=false}), when the body was analysed already (its analysis is
   * read instead), and for a {@code @DrainsResults} method of a handle type, whose analysis is also
   * a verification. A body proven here is still analysed when a summary of it is asked for.
   */
  public boolean provenSilent(TreePath path) {
    Tree leaf = path.getLeaf();
    if (!flags.graphFreeProofs()
        || !(leaf instanceof MethodTree || leaf instanceof LambdaExpressionTree)
        || analyses.containsKey(leaf)
        || skipped.contains(leaf)
        || !namesHandles()
        || receiverDrainingMethod(path) != null) {
      return false;
    }
    GraphFreeProof.Verdict verdict = proof.verdict(leaf);
    if (verdict == GraphFreeProof.Verdict.PROVEN && proven.add(leaf)) {
      current.bodiesProven++;
    }
    return verdict != GraphFreeProof.Verdict.UNPROVEN;
  }

  /** The protocol model of this compilation. */
  public ProtocolModel model() {
    return model;
  }

  Symtab symtab() {
    return symtab;
  }

  Iterations iterations() {
    return iterations;
  }

  /** The end position of {@code tree} in this unit (Error Prone's), or -1 if unknown. */
  int endPositionOf(Tree tree) {
    return state.getEndPosition(tree);
  }

  /** The source text of {@code tree} (see {@link SourceText}). */
  @Nullable String sourceOf(@Nullable Tree tree) {
    return SourceText.of(tree, state);
  }

  /**
   * The analysis of the body at {@code path}: a method or constructor, a lambda, an initializer
   * block, or a field with an initializer. Null when there is nothing to analyse: no body, a body
   * that never mentions an operation-handle type (the fast path), or a body whose analysis failed:
   * it is skipped, no finding is invented, and {@link SkippedBodies} warns once that it was skipped
   * (with {@link MiguardFlags#failFast()} the failure is rethrown instead).
   */
  public @Nullable BodyAnalysis analyse(TreePath path) {
    Tree leaf = path.getLeaf();
    BodyAnalysis known = analyses.get(leaf);
    if (known != null || skipped.contains(leaf) || inProgress.contains(leaf)) {
      return known;
    }
    inProgress.add(leaf);
    current.bodiesAnalysed++;
    try {
      BodyAnalysis result = compute(path);
      if (result == null) {
        skipped.add(leaf);
      } else {
        analyses.put(leaf, result);
      }
      return result;
    } catch (Throwable failure) {
      if (flags.failFast() || !SkippedBodies.mayContinueAfter(failure)) {
        throw failure;
      }
      skipped.add(leaf);
      failed.add(leaf);
      skippedBodies.failed(path, failure);
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
    // A @DrainsResults method of a handle type is in a unit that names that type (its class
    // extends or implements it): the unit's fast path comes first, it is one cached answer.
    if (!namesHandles()) {
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
    Nesting nesting = Nesting.of(path);
    OperationStore enclosingStore = null;
    BodyEntry entry;
    if (nesting != null) {
      BodyAnalysis enclosing = analyse(nesting.enclosingBody());
      enclosingStore = enclosing == null ? null : enclosing.storeWhereCreated(nesting.nested());
      if (enclosingStore == null) {
        // The enclosing body was skipped or never creates this one (dead code): start afresh.
        if (failed.contains(nesting.enclosingBody().getLeaf())) {
          skippedBodies.analysedWithoutEnclosing(path, flags);
        }
        entry = entries.topLevel(leaf);
      } else {
        entry = entries.nested(nesting, enclosingStore.context(), path, state);
      }
    } else {
      entry = entries.topLevel(leaf);
    }

    flags.injectFailureInto(leaf);
    return run(path, code, enclosingClass, entry, enclosingStore, receiverTree);
  }

  /** Runs the analysis of the body at {@code path}, whose code is {@code code}. */
  private BodyAnalysis run(
      TreePath path,
      Tree code,
      ClassTree enclosingClass,
      BodyEntry entry,
      @Nullable OperationStore enclosingStore,
      @Nullable Tree receiverTree) {
    Tree leaf = path.getLeaf();
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

    BodySetup setup = new BodySetup(this, code, entry, enclosingStore, receiverTree);
    BodyRecorder recorder = new BodyRecorder();
    BodyDataflow.Exits exits =
        BodyDataflow.run(
            codePath,
            ast,
            new OperationTransfer(setup, recorder),
            setup,
            flags.statementChunking().chunksOf(code),
            leaf instanceof LambdaExpressionTree ? lambdaGraphs : null,
            trees,
            environment);

    return new BodyAnalysis(
        path,
        entry,
        CloseEvents.build(recorder, setup),
        reachable(exits.regular()),
        setup.receiverOperation(),
        creations(recorder),
        ImmutableList.copyOf(recorder.returns.values()),
        ProtocolEvents.build(recorder, setup, code));
  }

  /** An analysis of a {@code @RunsAs} lambda run from one creation store (see below). */
  private record InlineRun(OperationStore creation, BodyAnalysis analysis) {}

  private final Map<Tree, InlineRun> inlineRuns = new IdentityHashMap<>();

  /**
   * The graphs of the unit's lambda bodies, by body: a lambda passed to a {@code @RunsAs} call is
   * analysed during its enclosing body's fixpoint ({@link #analyseInline}, once per creation store
   * the fixpoint reaches) and then on its own ({@link #analyse}), each time on the same graph.
   */
  private final Map<Tree, ControlFlowGraph> lambdaGraphs = new IdentityHashMap<>();

  /**
   * The analysis of a lambda passed to a {@code @RunsAs} call, which runs during that call, from
   * the enclosing body's store {@code creation} at the call: for what the lambda returns (an
   * operation it starts remembers the identity it was started as). It is not the analysis the
   * checks report on ({@link #analyse}), which starts from the enclosing body's store at the
   * fixpoint; it is kept for the last creation store asked about. Null if the lambda has no
   * enclosing body or is being run already.
   */
  @Nullable BodyAnalysis analyseInline(LambdaExpressionTree lambda, OperationStore creation) {
    InlineRun known = inlineRuns.get(lambda);
    if (known != null && known.creation().equals(creation)) {
      return known.analysis();
    }
    if (inProgress.contains(lambda)) {
      return null;
    }
    TreePath path = TreePaths.find(state.getPath(), lambda);
    if (path == null) {
      return null;
    }
    Nesting nesting = Nesting.of(path);
    ClassTree enclosingClass = ASTHelpers.findEnclosingNode(path, ClassTree.class);
    if (nesting == null || enclosingClass == null) {
      return null;
    }
    inProgress.add(lambda);
    try {
      BodyEntry entry = entries.nested(nesting, creation.context(), path, state);
      BodyAnalysis result = run(path, lambda.getBody(), enclosingClass, entry, creation, null);
      inlineRuns.put(lambda, new InlineRun(creation, result));
      return result;
    } finally {
      inProgress.remove(lambda);
    }
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

  /**
   * Whether any tree of the unit has an operation-handle type: the fast path of a unit that never
   * mentions one (most units of most builds), one scan of the whole unit, after which no body of it
   * costs a scan of its own, and a check need not ask about each body.
   */
  public boolean namesHandles() {
    if (unitMentionsHandles == null) {
      unitMentionsHandles = HandleMentions.in(unit, model);
    }
    return unitMentionsHandles;
  }

  /** Whether the body {@code leaf} is being analysed (a summary of it would recurse). */
  boolean isInProgress(Tree leaf) {
    return inProgress.contains(leaf);
  }

  /** The summary of a method of this unit; see {@link MethodSummaries#summaryOf}. */
  @Nullable MethodSummary summaryOf(MethodSymbol method) {
    return summaries.summaryOf(method);
  }

  /** The method of this unit as a result predicate; see {@link ResultPredicate}. */
  @Nullable ResultPredicate resultPredicateOf(MethodSymbol method) {
    return summaries.resultPredicateOf(method);
  }

  /** Where a method reference runs; see {@link BodyEntries#placementOf}. */
  BodyEntries.Placement placementOf(Tree code, ContextStack creation) {
    return entries.placementOf(code, creation, state);
  }

  @Override
  public String toString() {
    return "UnitAnalysis[" + unit.getSourceFile().getName() + "]";
  }
}
