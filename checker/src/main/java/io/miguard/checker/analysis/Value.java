package io.miguard.checker.analysis;

import com.google.common.collect.ImmutableSet;
import com.google.common.collect.Sets;
import com.sun.source.tree.Tree;
import java.util.Objects;
import java.util.Set;
import org.checkerframework.errorprone.dataflow.analysis.AbstractValue;
import org.jspecify.annotations.Nullable;

/**
 * The abstract value of an expression or local variable: which operations it refers to, and in what
 * role. Values of the same role join by uniting their operations; a literal joins with a flag when
 * it can only take the flag's "more results" edge.
 */
final class Value implements AbstractValue<Value> {
  /** The role of a value. */
  enum Kind {
    /** Nothing the analysis tracks. */
    TOP,
    /** An operation handle. */
    OPERATION,
    /** A result retrieved from an operation. */
    RESULT,
    /** A boolean that carries whether more results follow (or, for iteration, more instances). */
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

  /** What a flag's edges mean. */
  enum FlagKind {
    /** A {@code @MoreResults} accessor: the false edge drains, the true edge sees more results. */
    MORE_RESULTS,
    /** An iterator's {@code hasNext()}: the false edge drains, the true edge says nothing. */
    ITERATION
  }

  static final Value TOP = new Value(Kind.TOP, ImmutableSet.of(), true, null, null, null);
  static final Value NULL = new Value(Kind.NULL, ImmutableSet.of(), true, null, null, null);
  static final Value NON_NULL = new Value(Kind.NON_NULL, ImmutableSet.of(), true, null, null, null);
  static final Value TRUE = new Value(Kind.TRUE, ImmutableSet.of(), true, null, null, null);
  static final Value FALSE = new Value(Kind.FALSE, ImmutableSet.of(), true, null, null, null);

  private final Kind kind;
  private final ImmutableSet<OperationId> operations;

  /** For flags: the boolean value that means "more results follow". */
  private final boolean moreWhen;

  private final @Nullable FlagKind flagKind;
  private final @Nullable ContextEntry scope;

  /**
   * For a borrowed object: whether it was released (by a retrieval from its operation or the
   * operation's close) on all paths that reach here, on none, or on some.
   */
  private final @Nullable Staleness staleness;

  private Value(
      Kind kind,
      ImmutableSet<OperationId> operations,
      boolean moreWhen,
      @Nullable FlagKind flagKind,
      @Nullable ContextEntry scope,
      @Nullable Staleness staleness) {
    this.kind = kind;
    this.operations = operations;
    this.moreWhen = moreWhen;
    this.flagKind = flagKind;
    this.scope = scope;
    this.staleness = staleness;
  }

  static Value of(Kind kind, Set<OperationId> operations) {
    return new Value(kind, ImmutableSet.copyOf(operations), true, null, null, null);
  }

  /** An object just borrowed from a result of {@code operations}. */
  static Value borrowed(Set<OperationId> operations) {
    return new Value(
        Kind.BORROWED, ImmutableSet.copyOf(operations), true, null, null, Staleness.FRESH);
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
    return now.equals(staleness)
        ? this
        : new Value(kind, operations, moreWhen, flagKind, scope, now);
  }

  /** For a borrowed object: whether it is released on all paths, none, or some. */
  @Nullable Staleness staleness() {
    return staleness;
  }

  static Value operation(OperationId id) {
    return of(Kind.OPERATION, ImmutableSet.of(id));
  }

  static Value flag(Set<OperationId> operations, FlagKind flagKind, boolean moreWhen) {
    return new Value(Kind.FLAG, ImmutableSet.copyOf(operations), moreWhen, flagKind, null, null);
  }

  static Value scope(ContextEntry entry) {
    return new Value(Kind.SCOPE, ImmutableSet.of(), true, null, entry, null);
  }

  Kind kind() {
    return kind;
  }

  boolean is(Kind k) {
    return kind == k;
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

  boolean moreWhen() {
    return moreWhen;
  }

  @Nullable FlagKind flagKind() {
    return flagKind;
  }

  @Nullable ContextEntry scope() {
    return scope;
  }

  /** The logical negation of this value (flags swap their edges, literals flip). */
  Value negate() {
    return switch (kind) {
      case FLAG -> new Value(kind, operations, !moreWhen, flagKind, null, null);
      case TRUE -> FALSE;
      case FALSE -> TRUE;
      default -> TOP;
    };
  }

  @Override
  public Value leastUpperBound(Value other) {
    if (equals(other)) {
      return this;
    }
    if (kind == other.kind) {
      switch (kind) {
        case OPERATION:
        case RESULT:
        case ITERABLE:
        case ITERATOR:
          return of(kind, Sets.union(operations, other.operations));
        case BORROWED:
          return new Value(
              kind,
              ImmutableSet.copyOf(Sets.union(operations, other.operations)),
              true,
              null,
              null,
              joinStaleness(staleness, other.staleness));
        case FLAG:
          if (moreWhen == other.moreWhen && flagKind == other.flagKind) {
            return new Value(
                kind,
                ImmutableSet.copyOf(Sets.union(operations, other.operations)),
                moreWhen,
                flagKind,
                null,
                null);
          }
          return TOP;
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
    // `boolean more = true; while (more) { ...; more = r.moreResults(); }`: the literal can only
    // take the edge that means "more results", so the flag's false edge still drains.
    if (kind == Kind.FLAG && other.isLiteralMeaningMore(moreWhen)) {
      return this;
    }
    if (other.kind == Kind.FLAG && isLiteralMeaningMore(other.moreWhen)) {
      return other;
    }
    return TOP;
  }

  private static @Nullable Staleness joinStaleness(@Nullable Staleness a, @Nullable Staleness b) {
    return a == null ? b : b == null ? a : a.join(b);
  }

  private boolean isLiteralMeaningMore(boolean moreWhen) {
    return (kind == Kind.TRUE && moreWhen) || (kind == Kind.FALSE && !moreWhen);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof Value v
        && v.kind == kind
        && v.operations.equals(operations)
        && v.moreWhen == moreWhen
        && v.flagKind == flagKind
        && Objects.equals(v.scope, scope)
        && Objects.equals(v.staleness, staleness);
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, operations, moreWhen, flagKind, scope, staleness);
  }

  @Override
  public String toString() {
    return kind
        + (operations.isEmpty() ? "" : operations.toString())
        + (kind == Kind.FLAG ? "(more when " + moreWhen + ")" : "")
        + (staleness == null ? "" : "(released " + staleness + ")");
  }
}
