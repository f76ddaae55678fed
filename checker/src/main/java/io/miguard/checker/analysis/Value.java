package io.miguard.checker.analysis;

import static java.util.Objects.requireNonNull;

import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Sets;
import com.sun.source.tree.Tree;
import java.util.Objects;
import java.util.Set;
import org.checkerframework.errorprone.dataflow.analysis.AbstractValue;
import org.jspecify.annotations.Nullable;

/**
 * The abstract value of an expression or local variable: which operations it refers to, and in what
 * role. Values of the same role join by uniting their operations; booleans (flags and literals)
 * join to the {@link Condition.Either} of their formulas.
 */
final class Value implements AbstractValue<Value>, PersistentMap.Tagged {
  /** The role of a value. */
  enum Kind {
    /** Nothing the analysis tracks. */
    TOP,
    /** An operation handle. */
    OPERATION,
    /**
     * A result retrieved from an operation; like a borrowed object, it is released by the next
     * retrieval or the close ({@link #staleness()}), and what its accessors hand out then is too.
     */
    RESULT,
    /** A boolean whose meaning is a {@link Condition} over result facts. */
    FLAG,
    /** The lazy iterable of a {@code @DrainedByIteration} method. */
    ITERABLE,
    /** An iterator over such an iterable. */
    ITERATOR,
    /** The scope returned by an {@code @EntersSecurityContext} call. */
    SCOPE,
    /**
     * An object borrowed from a result ({@code @BorrowedResult}): valid until the next retrieval
     * from its operation or the operation's close ({@link #staleness()}).
     */
    BORROWED,
    NULL,
    NON_NULL,
    TRUE,
    FALSE
  }

  static final Value TOP = new Value(Kind.TOP, ImmutableSet.of(), null, null, null);
  static final Value NULL = new Value(Kind.NULL, ImmutableSet.of(), null, null, null);
  static final Value NON_NULL = new Value(Kind.NON_NULL, ImmutableSet.of(), null, null, null);
  static final Value TRUE = new Value(Kind.TRUE, ImmutableSet.of(), null, null, null);
  static final Value FALSE = new Value(Kind.FALSE, ImmutableSet.of(), null, null, null);

  private final Kind kind;
  private final ImmutableSet<OperationId> operations;

  /** For flags: what the boolean means. */
  private final @Nullable Condition condition;

  private final @Nullable ContextEntry scope;

  /**
   * For a borrowed object: whether it was released (by a retrieval from its operation or the
   * operation's close) on all paths that reach here, on none, or on some.
   */
  private final @Nullable Staleness staleness;

  private Value(
      Kind kind,
      ImmutableSet<OperationId> operations,
      @Nullable Condition condition,
      @Nullable ContextEntry scope,
      @Nullable Staleness staleness) {
    this.kind = kind;
    this.operations = operations;
    this.condition = condition;
    this.scope = scope;
    this.staleness = staleness;
  }

  static Value of(Kind kind, Set<OperationId> operations) {
    return new Value(kind, ImmutableSet.copyOf(operations), null, null, null);
  }

  /** A result just retrieved from {@code operations}. */
  static Value result(Set<OperationId> operations) {
    return new Value(Kind.RESULT, ImmutableSet.copyOf(operations), null, null, Staleness.FRESH);
  }

  /**
   * The object a {@code @BorrowedResult} accessor of {@code result} hands out: borrowed from its
   * operations, and released already if the result is.
   */
  static Value borrowedFrom(Value result) {
    return new Value(
        Kind.BORROWED,
        result.operations,
        null,
        null,
        result.staleness != null ? result.staleness : Staleness.FRESH);
  }

  /**
   * This borrowed object, released by {@code release} (a retrieval from or close of its one
   * operation) if it was not already.
   */
  Value released(Tree release) {
    if (staleness == null) {
      return this;
    }
    Staleness now = staleness.releaseBy(release);
    return now.equals(staleness) ? this : new Value(kind, operations, condition, scope, now);
  }

  /** For a borrowed object: whether it is released on all paths, none, or some. */
  @Nullable Staleness staleness() {
    return staleness;
  }

  static Value operation(OperationId id) {
    return of(Kind.OPERATION, ImmutableSet.of(id));
  }

  /**
   * The value of a boolean that means {@code condition}: a flag if it mentions a fact, a literal if
   * it is constant, else nothing the analysis tracks.
   */
  static Value condition(Condition condition) {
    if (condition.equals(Condition.TRUE)) {
      return TRUE;
    }
    if (condition.equals(Condition.FALSE)) {
      return FALSE;
    }
    if (!condition.hasFacts()) {
      return TOP;
    }
    return new Value(Kind.FLAG, ImmutableSet.copyOf(condition.operations()), condition, null, null);
  }

  static Value scope(ContextEntry entry) {
    return new Value(Kind.SCOPE, ImmutableSet.of(), null, entry, null);
  }

  Kind kind() {
    return kind;
  }

  boolean is(Kind k) {
    return kind == k;
  }

  /** Tag of a result or an object borrowed from one, which a retrieval or a close releases. */
  static final int RELEASABLE = 1;

  /** Tag of the constants {@code true} and {@code false}. */
  static final int CONSTANT = 2;

  /** For the store's visits of only the locals that may matter (see {@link PersistentMap}). */
  @Override
  public int tags() {
    return switch (kind) {
      case RESULT, BORROWED -> RELEASABLE;
      case TRUE, FALSE -> CONSTANT;
      default -> 0;
    };
  }

  ImmutableSet<OperationId> operations() {
    return operations;
  }

  /** The operations an escape of this value lets go: handles, iterables and iterators. */
  ImmutableSet<OperationId> escapingOperations() {
    return kind == Kind.OPERATION || kind == Kind.ITERABLE || kind == Kind.ITERATOR
        ? operations
        : ImmutableSet.of();
  }

  /**
   * What the value means as a boolean: a flag's formula, a literal's constant, else {@link
   * Condition#UNKNOWN}.
   */
  Condition asCondition() {
    return switch (kind) {
      case FLAG -> condition == null ? Condition.UNKNOWN : condition;
      case TRUE -> Condition.TRUE;
      case FALSE -> Condition.FALSE;
      default -> Condition.UNKNOWN;
    };
  }

  @Nullable ContextEntry scope() {
    return scope;
  }

  /** The logical negation of this value. */
  Value negate() {
    return condition(Condition.not(asCondition()));
  }

  /** This value with {@code from} replaced by {@code to} wherever it refers to it. */
  Value renamed(OperationId from, OperationId to) {
    if (!operations.contains(from)) {
      return this;
    }
    if (kind == Kind.FLAG) {
      return condition(requireNonNull(condition).renamed(ids -> replaced(ids, from, to)));
    }
    return new Value(kind, replaced(operations, from, to), condition, scope, staleness);
  }

  private static ImmutableSet<OperationId> replaced(
      ImmutableSet<OperationId> ids, OperationId from, OperationId to) {
    if (!ids.contains(from)) {
      return ids;
    }
    ImmutableSet.Builder<OperationId> result = ImmutableSet.builder();
    for (OperationId id : ids) {
      result.add(id.equals(from) ? to : id);
    }
    return result.build();
  }

  @Override
  public Value leastUpperBound(Value other) {
    if (equals(other)) {
      return this;
    }
    // `boolean more = true; while (more) { ...; more = r.moreResults(); }`: the local holds one of
    // the two on each path.
    if (isBoolean() && other.isBoolean()) {
      return condition(Condition.either(asCondition(), other.asCondition()));
    }
    if (kind == other.kind) {
      switch (kind) {
        case OPERATION:
        case ITERABLE:
        case ITERATOR:
          return of(kind, Sets.union(operations, other.operations));
        case RESULT:
        case BORROWED:
          return new Value(
              kind,
              ImmutableSet.copyOf(Sets.union(operations, other.operations)),
              null,
              null,
              joinStaleness(staleness, other.staleness));
        default:
          return TOP;
      }
    }
    // A handle that may be null is still that handle: `op = null; ... op = start();`.
    if (kind == Kind.NULL && other.kind == Kind.OPERATION) {
      return other;
    }
    if (other.kind == Kind.NULL && kind == Kind.OPERATION) {
      return this;
    }
    // Likewise a borrowed object that may be null: `MiInstance largest = null; ... largest = i;`.
    if (kind == Kind.NULL && other.kind == Kind.BORROWED) {
      return other;
    }
    if (other.kind == Kind.NULL && kind == Kind.BORROWED) {
      return this;
    }
    return TOP;
  }

  private static @Nullable Staleness joinStaleness(@Nullable Staleness a, @Nullable Staleness b) {
    return a == null ? b : b == null ? a : a.join(b);
  }

  private boolean isBoolean() {
    return kind == Kind.FLAG || kind == Kind.TRUE || kind == Kind.FALSE;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Value v
        && v.kind == kind
        && v.operations.equals(operations)
        && Objects.equals(v.condition, condition)
        && Objects.equals(v.scope, scope)
        && Objects.equals(v.staleness, staleness);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, operations, condition, scope, staleness);
  }

  @Override
  public String toString() {
    return kind
        + (operations.isEmpty() ? "" : operations.toString())
        + (kind == Kind.FLAG ? "(" + condition + ")" : "")
        + (staleness == null ? "" : "(released " + staleness + ")");
  }
}
