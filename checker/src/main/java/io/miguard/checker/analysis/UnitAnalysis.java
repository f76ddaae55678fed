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
import com.sun.tools.javac.processing.JavacProcessingEnvironment;
import com.sun.tools.javac.util.Context;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
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

  private final CompilationUnitTree unit;
  private final AnalysisOptions options;
  private final MiguardFlags flags;
  private final SkippedBodies skippedBodies;
  private final ProcessingEnvironment environment;
  private final ProtocolModel model;
  private final Iterations iterations;
  private final Map<Tree, BodyAnalysis> analyses = new IdentityHashMap<>();
  private final Set<Tree> skipped = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Tree> failed = Collections.newSetFromMap(new IdentityHashMap<>());
  private final Set<Tree> inProgress = Collections.newSetFromMap(new IdentityHashMap<>());
  private final BodyEntries entries;
  private final MethodSummaries summaries;

  /** The state of the check that asked last, for the thread-hop catalogue's type queries. */
  private VisitorState state;

  private UnitAnalysis(
      CompilationUnitTree unit, AnalysisOptions options, MiguardFlags flags, VisitorState state) {
    Context context = state.context;
    this.unit = unit;
    this.options = options;
    this.flags = flags;
    this.skippedBodies = SkippedBodies.instance(context);
    this.environment = JavacProcessingEnvironment.instance(context);
    this.model = ProtocolModel.instance(state);
    this.iterations = new Iterations(context);
    this.entries = new BodyEntries(model);
    this.summaries = new MethodSummaries(this, unit);
  }

  /**
   * The analyses of the compilation unit {@code state} is in. The flags are those of the
   * compilation; the first check to ask in a unit supplies them (every check has the same).
   */
  public static UnitAnalysis of(VisitorState state, AnalysisOptions options, MiguardFlags flags) {
    Context context = state.context;
    Map<AnalysisOptions, UnitAnalysis> current = context.get(CURRENT);
    if (current == null) {
      current = new HashMap<>();
      context.put(CURRENT, current);
    }
    CompilationUnitTree unit = state.getPath().getCompilationUnit();
    UnitAnalysis analysis = current.get(options);
    if (analysis == null || analysis.unit != unit) {
      analysis = new UnitAnalysis(unit, options, flags, state);
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
    flags.injectFailureInto(leaf);
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
        ImmutableList.copyOf(recorder.returns.values()),
        ProtocolEvents.build(recorder, setup, code));
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
    return "UnitAnalysis[" + unit.getSourceFile().getName() + ", " + options + "]";
  }
}
