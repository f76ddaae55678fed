package io.miguard.checker.analysis;

import com.sun.source.tree.Tree;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.UnaryOperator;
import javax.lang.model.element.Element;
import org.checkerframework.errorprone.dataflow.analysis.Store;
import org.checkerframework.errorprone.dataflow.cfg.visualize.CFGVisualizer;
import org.checkerframework.errorprone.dataflow.expression.JavaExpression;
import org.jspecify.annotations.Nullable;

/**
 * The abstract state at a program point (immutable): the values of local variables, the typestate
 * of every operation, the security-context stack, the last source step (for witnesses), and whether
 * an exception that no catch in the body has caught yet is propagating.
 *
 * <p>Stores that carry such an exception are dominated at joins by stores that do not (unless the
 * analysis reports exceptional paths): the checks report normal paths, explicit {@code throw}
 * statements and caught exceptions, so a path that is only unwinding out of the method must not
 * blur what holds on the others.
 */
final class OperationStore implements Store<OperationStore> {
  // Persistent: a CFG node changes a few entries, and stores at a join share most of theirs.
  private final PersistentMap<Element, Value> locals;
  private final PersistentMap<OperationId, OperationState> operations;
  private final ContextStack context;
  private final @Nullable Tree lastStep;
  private final boolean propagating;
  private final boolean exceptionalPathsCount;
  private final boolean unreachable;

  OperationStore(
      Map<Element, Value> locals,
      Map<OperationId, OperationState> operations,
      ContextStack context,
      @Nullable Tree lastStep,
      boolean propagating,
      boolean exceptionalPathsCount) {
    this(
        PersistentMap.copyOf(locals),
        PersistentMap.copyOf(operations),
        context,
        lastStep,
        propagating,
        exceptionalPathsCount,
        false);
  }

  private OperationStore(
      PersistentMap<Element, Value> locals,
      PersistentMap<OperationId, OperationState> operations,
      ContextStack context,
      @Nullable Tree lastStep,
      boolean propagating,
      boolean exceptionalPathsCount,
      boolean unreachable) {
    this.unreachable = unreachable;
    this.locals = locals;
    this.operations = operations;
    this.context = context;
    this.lastStep = lastStep;
    this.propagating = propagating;
    this.exceptionalPathsCount = exceptionalPathsCount;
  }

  /**
   * The store of an edge no execution takes (the false edge of a condition that is the literal
   * {@code true}): the bottom of the lattice, which joins to the other store.
   */
  OperationStore unreachable() {
    return new OperationStore(
        locals, operations, context, lastStep, propagating, exceptionalPathsCount, true);
  }

  /** Whether no execution reaches here (see {@link #unreachable()}). */
  boolean isUnreachable() {
    return unreachable;
  }

  // ---- reading ----

  @Nullable Value local(Element variable) {
    return locals.get(variable);
  }

  /** A copy of the locals' values. */
  Map<Element, Value> locals() {
    return locals.toMap();
  }

  @Nullable OperationState operation(OperationId id) {
    return operations.get(id);
  }

  PersistentMap<OperationId, OperationState> operations() {
    return operations;
  }

  ContextStack context() {
    return context;
  }

  @Nullable Tree lastStep() {
    return lastStep;
  }

  boolean propagating() {
    return propagating;
  }

  /** The join of the states of {@code ids} (null if none is known). */
  @Nullable OperationState joinedState(Set<OperationId> ids) {
    OperationState result = null;
    for (OperationId id : ids) {
      OperationState state = operations.get(id);
      if (state != null) {
        result = result == null ? state : result.join(state, lastStep, lastStep);
      }
    }
    return result;
  }

  // ---- updating ----

  OperationStore withLocal(Element variable, @Nullable Value value) {
    PersistentMap<Element, Value> updated =
        value == null || value.is(Value.Kind.TOP)
            ? locals.without(variable)
            : locals.with(variable, value);
    return updated == locals
        ? this
        : new OperationStore(
            updated,
            operations,
            context,
            lastStep,
            propagating,
            exceptionalPathsCount,
            unreachable);
  }

  OperationStore withOperation(OperationId id, OperationState state) {
    return withOperations(operations.with(id, state));
  }

  /** Applies {@code change} to the state of each of {@code ids} that is known. */
  OperationStore update(Set<OperationId> ids, UnaryOperator<OperationState> change) {
    PersistentMap<OperationId, OperationState> updated = operations;
    for (OperationId id : ids) {
      OperationState state = updated.get(id);
      if (state != null) {
        updated = updated.with(id, change.apply(state));
      }
    }
    return withOperations(updated);
  }

  private OperationStore withOperations(PersistentMap<OperationId, OperationState> updated) {
    return updated == operations
        ? this
        : new OperationStore(
            locals, updated, context, lastStep, propagating, exceptionalPathsCount, unreachable);
  }

  /**
   * Releases the objects borrowed from results of {@code operation} that locals hold: a retrieval
   * from it or its close ({@code release}) frees them. An object that may come from another
   * operation too is left as it is.
   */
  OperationStore releaseBorrowed(OperationId operation, Tree release) {
    List<Element> holders = new ArrayList<>();
    locals.forEach(
        (variable, value) -> {
          if (value.is(Value.Kind.BORROWED)
              && value.operations().size() == 1
              && value.operations().contains(operation)) {
            holders.add(variable);
          }
        });
    PersistentMap<Element, Value> updated = locals;
    for (Element holder : holders) {
      updated = updated.with(holder, updated.get(holder).released(release));
    }
    return updated == locals
        ? this
        : new OperationStore(
            updated,
            operations,
            context,
            lastStep,
            propagating,
            exceptionalPathsCount,
            unreachable);
  }

  /**
   * This store on the edge where {@code condition} has {@code value}: the join, over the
   * condition's alternatives for that value, of this store with the alternative's facts applied
   * (unreachable if there is none).
   */
  OperationStore assume(Condition condition, boolean value) {
    List<Set<Condition.Literal>> alternatives = condition.alternatives(value);
    OperationStore result = null;
    for (Set<Condition.Literal> alternative : alternatives) {
      OperationStore applied = this;
      // "More results follow" first: a fact that drains, on the same path, wins.
      for (Condition.Literal literal : alternative) {
        if (!drains(literal)) {
          applied = applied.apply(literal);
        }
      }
      for (Condition.Literal literal : alternative) {
        if (drains(literal)) {
          applied = applied.apply(literal);
        }
      }
      result = result == null ? applied : result.leastUpperBound(applied);
    }
    return result == null ? unreachable() : result;
  }

  private static boolean drains(Condition.Literal literal) {
    return switch (literal.fact().kind()) {
      case MORE_RESULTS, HAS_NEXT -> !literal.value();
      case DRAINED -> literal.value();
    };
  }

  private OperationStore apply(Condition.Literal literal) {
    Set<OperationId> ids = literal.fact().operations();
    if (drains(literal)) {
      return update(ids, OperationState::drain);
    }
    // A result of several operations (a variable that may hold either) tells which one has more
    // results on no path, so its "more" edge learns nothing.
    if (literal.fact().kind() == Condition.FactKind.MORE_RESULTS && ids.size() == 1) {
      return update(ids, OperationState::moreSeen);
    }
    return this;
  }

  /** Marks escaped the operations {@code value} lets go (see {@link Value#escapingOperations}). */
  OperationStore escape(Value value) {
    return update(value.escapingOperations(), OperationState::escape);
  }

  OperationStore withContext(ContextStack newContext) {
    return newContext.equals(context)
        ? this
        : new OperationStore(
            locals,
            operations,
            newContext,
            lastStep,
            propagating,
            exceptionalPathsCount,
            unreachable);
  }

  OperationStore withLastStep(@Nullable Tree step) {
    return step == lastStep
        ? this
        : new OperationStore(
            locals, operations, context, step, propagating, exceptionalPathsCount, unreachable);
  }

  OperationStore withPropagating(boolean value) {
    return value == propagating
        ? this
        : new OperationStore(
            locals, operations, context, lastStep, value, exceptionalPathsCount, unreachable);
  }

  // ---- lattice ----

  @Override
  public OperationStore copy() {
    return new OperationStore(
        locals, operations, context, lastStep, propagating, exceptionalPathsCount, unreachable);
  }

  @Override
  public OperationStore leastUpperBound(OperationStore other) {
    if (unreachable) {
      return other.copy();
    }
    if (other.unreachable) {
      return copy();
    }
    if (!exceptionalPathsCount && propagating != other.propagating) {
      return (propagating ? other : this).copy();
    }
    return new OperationStore(
        locals.join(other.locals, Value::leastUpperBound, value -> value.is(Value.Kind.TOP)),
        operations.join(
            other.operations,
            (mine, theirs) -> mine.join(theirs, lastStep, other.lastStep),
            state -> false),
        context.join(other.context),
        Positions.later(lastStep, other.lastStep),
        propagating && other.propagating,
        exceptionalPathsCount,
        false);
  }

  @Override
  public OperationStore widenedUpperBound(OperationStore previous) {
    return leastUpperBound(previous);
  }

  @Override
  public boolean canAlias(JavaExpression a, JavaExpression b) {
    return true;
  }

  @Override
  public String visualize(CFGVisualizer<?, OperationStore, ?> viz) {
    return toString();
  }

  @Override
  public boolean equals(@Nullable Object o) {
    return o instanceof OperationStore s
        && s.unreachable == unreachable
        && s.propagating == propagating
        && s.lastStep == lastStep
        && s.context.equals(context)
        && s.locals.equals(locals)
        && s.operations.equals(operations);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        locals, operations, context, System.identityHashCode(lastStep), propagating);
  }

  @Override
  public String toString() {
    return (unreachable ? "Unreachable" : "")
        + "Store{locals="
        + locals
        + ", operations="
        + operations
        + ", context="
        + context
        + (propagating ? ", propagating" : "")
        + "}";
  }
}
