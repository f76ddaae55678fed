package io.miguard.checker.analysis;

import static java.util.Objects.requireNonNull;

import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
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
 * of every operation, the security-context stack, the last source step (for witnesses), the
 * exception unwinding through the body (between the node that threw it and its handler), and
 * whether the path is one the checks follow only with {@code ExceptionalPaths=true} (see {@link
 * ExceptionalEdges}).
 *
 * <p>At joins, stores on paths followed by default dominate stores on exceptional-only paths: a
 * path that the checks do not report by default must not blur what holds on the others. A store on
 * an exceptional-only path survives where no path followed by default reaches, and its closes are
 * recorded as {@linkplain ClosePath#exceptional() exceptional}: one analysis serves every option.
 */
final class OperationStore implements Store<OperationStore> {
  // Persistent: a CFG node changes a few entries, and stores at a join share most of theirs.
  private final PersistentMap<Element, Value> locals;
  private final PersistentMap<OperationId, OperationState> operations;
  private final ContextStack context;
  private final @Nullable Tree lastStep;
  private final ExceptionalEdges.@Nullable Unwinding unwinding;
  private final boolean exceptionalOnly;

  /**
   * The states of operations on exceptional-only paths that a path followed by default dominated at
   * a join (see the class comment), kept for the checks' {@code ExceptionalPaths=true} option:
   * every later change of an operation's state applies to them too, as if those paths had gone on
   * with this one's locals and context. Usually empty.
   */
  private final PersistentMap<OperationId, OperationState> dominated;

  private final boolean unreachable;

  OperationStore(
      Map<Element, Value> locals,
      Map<OperationId, OperationState> operations,
      ContextStack context,
      @Nullable Tree lastStep) {
    this(
        PersistentMap.copyOf(locals),
        PersistentMap.copyOf(operations),
        context,
        lastStep,
        null,
        false,
        PersistentMap.empty(),
        false);
  }

  private OperationStore(
      PersistentMap<Element, Value> locals,
      PersistentMap<OperationId, OperationState> operations,
      ContextStack context,
      @Nullable Tree lastStep,
      ExceptionalEdges.@Nullable Unwinding unwinding,
      boolean exceptionalOnly,
      PersistentMap<OperationId, OperationState> dominated,
      boolean unreachable) {
    this.unreachable = unreachable;
    this.locals = locals;
    this.operations = operations;
    this.context = context;
    this.lastStep = lastStep;
    this.unwinding = unwinding;
    this.exceptionalOnly = exceptionalOnly;
    this.dominated = dominated;
  }

  /**
   * The store of an edge no execution takes (the false edge of a condition that is the literal
   * {@code true}): the bottom of the lattice, which joins to the other store.
   */
  OperationStore unreachable() {
    return new OperationStore(
        locals, operations, context, lastStep, unwinding, exceptionalOnly, dominated, true);
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

  /** The exception unwinding through the body here, or null on a path that is not unwinding. */
  ExceptionalEdges.@Nullable Unwinding unwinding() {
    return unwinding;
  }

  /**
   * Whether the checks follow this path by default: it is not exceptional only, and any exception
   * unwinding here is one the rule follows (see {@link ExceptionalEdges}).
   */
  boolean followedByDefault() {
    return !exceptionalOnly && (unwinding == null || unwinding.followed());
  }

  /** The join of the states of {@code ids} (null if none is known). */
  @Nullable OperationState joinedState(Set<OperationId> ids) {
    return joinedState(operations, ids);
  }

  /**
   * The join of the states of {@code ids} on the exceptional-only paths this one dominated (null if
   * none is known there).
   */
  @Nullable OperationState joinedDominatedState(Set<OperationId> ids) {
    return dominated.isEmpty() ? null : joinedState(dominated, ids);
  }

  private @Nullable OperationState joinedState(
      PersistentMap<OperationId, OperationState> states, Set<OperationId> ids) {
    OperationState result = null;
    for (OperationId id : ids) {
      OperationState state = states.get(id);
      if (state != null) {
        result = result == null ? state : result.join(state, lastStep, lastStep);
      }
    }
    return result;
  }

  // ---- updating ----

  OperationStore withLocal(Element variable, @Nullable Value value) {
    PersistentMap<Element, Value> updated =
        value == null ? locals.without(variable) : locals.with(variable, value);
    return updated == locals
        ? this
        : new OperationStore(
            updated,
            operations,
            context,
            lastStep,
            unwinding,
            exceptionalOnly,
            dominated,
            unreachable);
  }

  /**
   * Sets the state of {@code id} (a start, an operation first seen); on the dominated paths too,
   * where they know it (the same start runs there).
   */
  OperationStore withOperation(OperationId id, OperationState state) {
    return withOperations(
        operations.with(id, state),
        dominated.get(id) == null ? dominated : dominated.with(id, state));
  }

  /**
   * Makes room for a new operation of {@code id}'s site: the operation {@code id} names now, if
   * any, joins the site's {@linkplain OperationId#older() older} operations, and every local that
   * refers to it refers to those. The caller then gives {@code id} the new operation's state.
   */
  OperationStore retire(OperationId id) {
    OperationState current = operations.get(id);
    if (current == null) {
      return this;
    }
    OperationId older = id.older();
    OperationState before = operations.get(older);
    OperationStore result =
        withOperation(older, before == null ? current : before.join(current, lastStep, lastStep));
    Map<Element, Value> renamed = new HashMap<>();
    locals.forEach(
        (local, value) -> {
          Value after = value.renamed(id, older);
          if (after != value) {
            renamed.put(local, after);
          }
        });
    for (Map.Entry<Element, Value> local : renamed.entrySet()) {
      result = result.withLocal(local.getKey(), local.getValue());
    }
    return result;
  }

  /**
   * The store as {@code variable}'s declaration runs again (a new variable, on each iteration of a
   * loop): the identity it held is, from now on, the value of an earlier iteration, in the context
   * stack, in the starting context of every operation and in every scope a local holds.
   */
  OperationStore redeclaring(Symbol variable) {
    OperationStore result = withContext(context.beforeRedeclaring(variable));
    Map<OperationId, OperationState> renamedOperations = new HashMap<>();
    // Only a state started in a known context can name the variable.
    operations.forEachTagged(
        OperationState.IN_CONTEXT,
        (id, state) -> {
          OperationState renamed = state.beforeRedeclaring(variable);
          if (renamed != state) {
            renamedOperations.put(id, renamed);
          }
        });
    if (result == this && renamedOperations.isEmpty()) {
      return this; // nothing here runs as that variable's identity (the usual case)
    }
    Map<Element, Value> renamedScopes = new HashMap<>();
    locals.forEach(
        (local, value) -> {
          ContextEntry scope = value.scope();
          if (scope != null && scope.beforeRedeclaring(variable) != scope) {
            renamedScopes.put(local, Value.scope(scope.beforeRedeclaring(variable)));
          }
        });
    for (Map.Entry<OperationId, OperationState> renamed : renamedOperations.entrySet()) {
      result = result.withOperation(renamed.getKey(), renamed.getValue());
    }
    for (Map.Entry<Element, Value> renamed : renamedScopes.entrySet()) {
      result = result.withLocal(renamed.getKey(), renamed.getValue());
    }
    return result;
  }

  /**
   * Applies {@code change} to the state of each of {@code ids} that is known, on this path and on
   * the dominated ones.
   */
  OperationStore update(Set<OperationId> ids, UnaryOperator<OperationState> change) {
    return withOperations(update(operations, ids, change), update(dominated, ids, change));
  }

  private static PersistentMap<OperationId, OperationState> update(
      PersistentMap<OperationId, OperationState> states,
      Set<OperationId> ids,
      UnaryOperator<OperationState> change) {
    PersistentMap<OperationId, OperationState> updated = states;
    if (updated.isEmpty()) {
      return updated;
    }
    for (OperationId id : ids) {
      OperationState state = updated.get(id);
      if (state != null) {
        updated = updated.with(id, change.apply(state));
      }
    }
    return updated;
  }

  private OperationStore withOperations(
      PersistentMap<OperationId, OperationState> updated,
      PersistentMap<OperationId, OperationState> updatedDominated) {
    return updated == operations && updatedDominated == dominated
        ? this
        : new OperationStore(
            locals,
            updated,
            context,
            lastStep,
            unwinding,
            exceptionalOnly,
            updatedDominated,
            unreachable);
  }

  /**
   * Releases the results of {@code operation}, and the objects borrowed from them, that locals
   * hold: a retrieval from it or its close ({@code release}) frees them. A value that may come from
   * another operation too is left as it is.
   */
  OperationStore releaseBorrowed(OperationId operation, Tree release) {
    List<Element> holders = new ArrayList<>();
    locals.forEachTagged(
        Value.RELEASABLE,
        (variable, value) -> {
          if ((value.is(Value.Kind.BORROWED) || value.is(Value.Kind.RESULT))
              && value.operations().size() == 1
              && value.operations().contains(operation)) {
            holders.add(variable);
          }
        });
    PersistentMap<Element, Value> updated = locals;
    for (Element holder : holders) {
      updated = updated.with(holder, requireNonNull(updated.get(holder)).released(release));
    }
    return updated == locals
        ? this
        : new OperationStore(
            updated,
            operations,
            context,
            lastStep,
            unwinding,
            exceptionalOnly,
            dominated,
            unreachable);
  }

  /**
   * This store on the edge where {@code condition} has {@code value}: the join, over the
   * condition's alternatives for that value, of this store with the alternative's facts applied
   * (unreachable if there is none). "More results follow" is learnt only if {@code learnMore} (else
   * only the facts that drain).
   */
  OperationStore assume(Condition condition, boolean value, boolean learnMore) {
    List<Set<Condition.Literal>> alternatives = condition.alternatives(value);
    OperationStore result = null;
    for (Set<Condition.Literal> alternative : alternatives) {
      OperationStore applied = this;
      // "More results follow" first: a fact that drains, on the same path, wins.
      for (Condition.Literal literal : alternative) {
        if (learnMore && !drains(literal)) {
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

  /**
   * The boolean locals that hold a constant here, as guards (see {@link DrainState.Guard});
   * computed once per store, when a join needs them.
   */
  private Set<DrainState.Guard> constants() {
    Set<DrainState.Guard> result = constants;
    if (result == null) {
      Set<DrainState.Guard> found = new HashSet<>();
      locals.forEachTagged(
          Value.CONSTANT,
          (local, value) -> {
            if (value.is(Value.Kind.TRUE) || value.is(Value.Kind.FALSE)) {
              found.add(new DrainState.Guard(local, value.is(Value.Kind.TRUE)));
            }
          });
      result = found;
      constants = result;
    }
    return result;
  }

  private @Nullable Set<DrainState.Guard> constants;

  /** The store after {@code local} is assigned: guards on its old value end. */
  OperationStore assigned(Element local) {
    OperationStore result = this;
    for (Map.Entry<OperationId, OperationState> operation : guarded()) {
      result =
          result.withOperation(operation.getKey(), operation.getValue().withoutGuardsOn(local));
    }
    return result;
  }

  /** The store on the edge where the boolean local {@code local} has {@code value}. */
  OperationStore assumingLocal(Element local, boolean value) {
    OperationStore result = this;
    for (Map.Entry<OperationId, OperationState> operation : guarded()) {
      result =
          result.withOperation(
              operation.getKey(), operation.getValue().assumingLocal(local, value));
    }
    return result;
  }

  /** The operations whose drained states carry guards (none, usually: no allocation then). */
  private List<Map.Entry<OperationId, OperationState>> guarded() {
    List<Map.Entry<OperationId, OperationState>> result = new ArrayList<>(0);
    operations.forEachTagged(
        OperationState.GUARDED,
        (id, state) -> {
          if (state.drainedAsMulti().hasGuards() || state.drainedAsSingle().hasGuards()) {
            result.add(Map.entry(id, state));
          }
        });
    return result;
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
            unwinding,
            exceptionalOnly,
            dominated,
            unreachable);
  }

  OperationStore withLastStep(@Nullable Tree step) {
    return step == lastStep
        ? this
        : new OperationStore(
            locals, operations, context, step, unwinding, exceptionalOnly, dominated, unreachable);
  }

  /**
   * The store on an exceptional edge: {@code thrown} now unwinds (it replaces an exception that was
   * unwinding, as an exception thrown in a {@code finally} block does); a path not followed by
   * default stays so.
   */
  OperationStore unwinding(ExceptionalEdges.Unwinding thrown) {
    return new OperationStore(
        locals,
        operations,
        context,
        lastStep,
        thrown,
        !followedByDefault(),
        dominated,
        unreachable);
  }

  /**
   * The store where a handler catches the exception that was unwinding: an ordinary path from now
   * on, followed by default if the exception was followed into this handler and the path before it
   * was followed.
   */
  OperationStore caught(boolean followedIntoHandler) {
    boolean only = exceptionalOnly || !followedIntoHandler;
    return unwinding == null && only == exceptionalOnly
        ? this
        : new OperationStore(
            locals, operations, context, lastStep, null, only, dominated, unreachable);
  }

  // ---- lattice ----

  @Override
  public OperationStore copy() {
    return new OperationStore(
        locals, operations, context, lastStep, unwinding, exceptionalOnly, dominated, unreachable);
  }

  @Override
  public OperationStore leastUpperBound(OperationStore other) {
    if (unreachable) {
      return other.copy();
    }
    if (other.unreachable) {
      return copy();
    }
    boolean followed = followedByDefault();
    if (followed != other.followedByDefault()) {
      OperationStore winner = followed ? this : other;
      OperationStore loser = followed ? other : this;
      return new OperationStore(
          winner.locals,
          winner.operations,
          winner.context,
          winner.lastStep,
          winner.unwinding,
          winner.exceptionalOnly,
          joinStates(joinStates(winner.dominated, loser.operations), loser.dominated),
          false);
    }
    return new OperationStore(
        locals.join(other.locals, Value::leastUpperBound, value -> false),
        operations.join(
            other.operations,
            (mine, theirs) ->
                mine.join(theirs, lastStep, other.lastStep, constants(), other.constants()),
            state -> false),
        context.join(other.context),
        Positions.later(lastStep, other.lastStep),
        ExceptionalEdges.Unwinding.join(unwinding, other.unwinding),
        exceptionalOnly || other.exceptionalOnly,
        joinStates(dominated, other.dominated),
        false);
  }

  private static PersistentMap<OperationId, OperationState> joinStates(
      PersistentMap<OperationId, OperationState> a, PersistentMap<OperationId, OperationState> b) {
    if (b.isEmpty()) {
      return a;
    }
    if (a.isEmpty()) {
      return b;
    }
    return a.join(b, (mine, theirs) -> mine.join(theirs, null, null), state -> false);
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
        && s.exceptionalOnly == exceptionalOnly
        && Objects.equals(s.unwinding, unwinding)
        && s.dominated.equals(dominated)
        && s.lastStep == lastStep
        && s.context.equals(context)
        && s.locals.equals(locals)
        && s.operations.equals(operations);
  }

  @Override
  public int hashCode() {
    return Objects.hash(
        locals, operations, context, System.identityHashCode(lastStep), unwinding, exceptionalOnly);
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
        + (unwinding != null ? ", unwinding " + unwinding : "")
        + (exceptionalOnly ? ", exceptional only" : "")
        + "}";
  }
}
