package io.miguard.checker.analysis;

import com.google.errorprone.util.ASTHelpers;
import com.sun.source.tree.ClassTree;
import com.sun.source.tree.CompilationUnitTree;
import com.sun.source.tree.MethodTree;
import com.sun.source.tree.Tree;
import com.sun.source.tree.VariableTree;
import com.sun.source.util.TreePath;
import com.sun.source.util.TreePathScanner;
import com.sun.tools.javac.code.Symbol;
import com.sun.tools.javac.code.Symbol.MethodSymbol;
import io.miguard.checker.analysis.MethodSummary.Factory;
import io.miguard.checker.analysis.MethodSummary.ParameterEffect;
import io.miguard.checker.analysis.OperationState.Origin;
import io.miguard.checker.analysis.ProtocolModel.Results;
import io.miguard.checker.analysis.ProtocolModel.Synchrony;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jspecify.annotations.Nullable;

/**
 * Summaries of the methods of one compilation unit, computed from their own analyses on demand:
 * what each does to the operations passed to it, and whether it is a factory; and which are {@code
 * moreResults()} predicates on a result.
 */
final class MethodSummaries {
  private final UnitAnalysis unit;
  private final CompilationUnitTree tree;
  private final Map<MethodSymbol, MethodSummary> summaries = new HashMap<>();
  private final Set<MethodSymbol> noSummary = new HashSet<>();
  private final Map<MethodSymbol, Optional<ResultPredicate>> predicates = new HashMap<>();
  private @Nullable Map<MethodSymbol, TreePath> methods;

  MethodSummaries(UnitAnalysis unit, CompilationUnitTree tree) {
    this.unit = unit;
    this.tree = tree;
  }

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
    if (path == null || unit.isInProgress(path.getLeaf())) {
      return null;
    }
    BodyAnalysis analysis = unit.analyse(path);
    MethodSummary summary =
        analysis == null ? null : summarise((MethodTree) path.getLeaf(), analysis);
    if (summary == null) {
      noSummary.add(method);
    } else {
      summaries.put(method, summary);
    }
    return summary;
  }

  /**
   * The method of this unit as a {@code moreResults()} predicate on one of its parameters, or null
   * if it is not one; see {@link ResultPredicate}.
   */
  @Nullable ResultPredicate resultPredicateOf(MethodSymbol method) {
    return predicates
        .computeIfAbsent(
            method,
            m -> {
              TreePath path = methods().get(m);
              return Optional.ofNullable(
                  path == null
                      ? null
                      : ResultPredicate.of((MethodTree) path.getLeaf(), unit.model()));
            })
        .orElse(null);
  }

  private static MethodSummary summarise(MethodTree method, BodyAnalysis analysis) {
    List<@Nullable ParameterEffect> parameters = new ArrayList<>();
    for (VariableTree parameter : method.getParameters()) {
      Symbol symbol = ASTHelpers.getSymbol(parameter);
      OperationStore exit = analysis.exitStore();
      OperationState state = exit == null ? null : exit.operation(OperationId.of(symbol));
      if (exit == null) {
        // Never returns normally: whatever it is given is drained on every normal path.
        parameters.add(new ParameterEffect(DrainState.YES, DrainState.YES, DrainState.YES, false));
      } else if (state == null) {
        parameters.add(null);
      } else {
        parameters.add(
            new ParameterEffect(
                state.drainedAsMulti(), state.drainedAsSingle(), state.closed(), state.escaped()));
      }
    }
    return new MethodSummary(factoryOf(analysis), parameters);
  }

  /** A factory returns, on every return, an operation started in its body (or null). */
  private static @Nullable Factory factoryOf(BodyAnalysis analysis) {
    List<BodyAnalysis.ReturnedOperation> returned = analysis.returnedOperations();
    if (returned == null) {
      return null;
    }
    Synchrony synchrony = null;
    Results results = null;
    for (BodyAnalysis.ReturnedOperation operation : returned) {
      OperationState state = operation.state();
      if (state == null || state.origin() != Origin.STARTED || state.captured()) {
        return null;
      }
      synchrony =
          synchrony == null || synchrony == state.synchrony()
              ? state.synchrony()
              : Synchrony.UNKNOWN;
      results = results == null || results == state.results() ? state.results() : Results.SINGLE;
    }
    return synchrony == null || results == null ? null : new Factory(synchrony, results);
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
      }.scan(tree, null);
      methods = found;
    }
    return methods;
  }
}
