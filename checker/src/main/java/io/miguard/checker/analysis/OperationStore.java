package io.miguard.checker.analysis;

import com.google.common.collect.ImmutableMap;
import com.sun.source.tree.Tree;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.BinaryOperator;
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
  private final ImmutableMap<Element, Value> locals;
  private final ImmutableMap<OperationId, OperationState> operations;
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
    this(locals, operations, context, lastStep, propagating, exceptionalPathsCount, false);
  }

  private OperationStore(
      Map<Element, Value> locals,
      Map<OperationId, OperationState> operations,
      ContextStack context,
      @Nullable Tree lastStep,
      boolean propagating,
      boolean exceptionalPathsCount,
      boolean unreachable) {
    this.unreachable = unreachable;
    this.locals = ImmutableMap.copyOf(locals);
    this.operations = ImmutableMap.copyOf(operations);
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

  ImmutableMap<Element, Value> locals() {
    return locals;
  }

  @Nullable OperationState operation(OperationId id) {
    return operations.get(id);
  }

  ImmutableMap<OperationId, OperationState> operations() {
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
    Value old = locals.get(variable);
    boolean remove = value == null || value.is(Value.Kind.TOP);
    if (remove ? old == null : value.equals(old)) {
      return this;
    }
    Map<Element, Value> copy = new LinkedHashMap<>(locals);
    if (remove) {
      copy.remove(variable);
    } else {
      copy.put(variable, value);
    }
    return new OperationStore(
        copy, operations, context, lastStep, propagating, exceptionalPathsCount, unreachable);
  }

  OperationStore withOperation(OperationId id, OperationState state) {
    if (state.equals(operations.get(id))) {
      return this;
    }
    Map<OperationId, OperationState> copy = new LinkedHashMap<>(operations);
    copy.put(id, state);
    return new OperationStore(
        locals, copy, context, lastStep, propagating, exceptionalPathsCount, unreachable);
  }

  /** Applies {@code change} to the state of each of {@code ids} that is known. */
  OperationStore update(Set<OperationId> ids, UnaryOperator<OperationState> change) {
    if (ids.isEmpty()) {
      return this;
    }
    Map<OperationId, OperationState> copy = new LinkedHashMap<>(operations);
    boolean changed = false;
    for (OperationId id : ids) {
      OperationState state = copy.get(id);
      if (state != null) {
        OperationState updated = change.apply(state);
        changed |= !updated.equals(state);
        copy.put(id, updated);
      }
    }
    return changed
        ? new OperationStore(
            locals, copy, context, lastStep, propagating, exceptionalPathsCount, unreachable)
        : this;
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
        joined(locals, other.locals, Value::leastUpperBound),
        joined(
            operations,
            other.operations,
            (mine, theirs) -> mine.join(theirs, lastStep, other.lastStep)),
        context.join(other.context),
        Positions.later(lastStep, other.lastStep),
        propagating && other.propagating,
        exceptionalPathsCount);
  }

  /**
   * The pointwise join of two maps (a key one side lacks keeps the other side's value; a local
   * joined to TOP is dropped). Stores at a join usually differ in a few entries: {@code mine}
   * itself is returned when the join changes none of them, so that a join costs comparisons, not a
   * new map, and the framework's equality test after it finds the same map.
   */
  private static <K, V> ImmutableMap<K, V> joined(
      ImmutableMap<K, V> mine, ImmutableMap<K, V> theirs, BinaryOperator<V> join) {
    if (mine == theirs) {
      return mine;
    }
    Map<K, V> changed = null;
    for (Map.Entry<K, V> entry : theirs.entrySet()) {
      V own = mine.get(entry.getKey());
      V their = entry.getValue();
      if (own == their) {
        continue;
      }
      V value = own == null ? their : join.apply(own, their);
      if (value.equals(own)) {
        continue;
      }
      if (changed == null) {
        changed = new LinkedHashMap<>(mine);
      }
      changed.put(entry.getKey(), value);
    }
    if (changed == null) {
      return mine;
    }
    changed.values().removeIf(v -> v instanceof Value value && value.is(Value.Kind.TOP));
    return ImmutableMap.copyOf(changed);
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
