package io.miguard.checker.analysis;

import com.sun.source.tree.Tree;
import com.sun.tools.javac.code.Symbol;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * One entry of the security-context stack: where the thread's identity was set, and to what.
 *
 * <p>The bottom entry of every stack says how the body was entered ({@link Kind#METHOD_ENTRY},
 * {@link Kind#CALLBACK}, {@link Kind#OTHER_THREAD}); the entries above it are impersonations
 * ({@link Kind#IMPERSONATION}, until their scope is left) and {@code @RunsAs} bodies ({@link
 * Kind#RUN_AS}).
 */
public final class ContextEntry {
  /** How an entry came to be. */
  public enum Kind {
    /**
     * Whatever identity the caller of a method runs as: the body's own entry context; also the
     * entry of code that may run later than its creation (a lambda stored or returned, a member of
     * an anonymous or local class), which runs as whoever runs it.
     */
    METHOD_ENTRY,
    /**
     * An {@code @OperationCallbacks} method: MI calls it in the context that started the operation
     * it reports on.
     */
    CALLBACK,
    /**
     * A body handed to another thread (an executor, a new thread, an {@code *Async} stage, a
     * {@code @RunsOnAnotherThread} method): it starts as the process, not as the caller.
     */
    OTHER_THREAD,
    /** An {@code @EntersSecurityContext} call whose scope has not been left yet. */
    IMPERSONATION,
    /** The body of a lambda or functional object passed to a {@code @RunsAs} method. */
    RUN_AS
  }

  private final Kind kind;
  private final @Nullable IdentityKey identity;
  private final @Nullable Tree tree;

  ContextEntry(Kind kind, @Nullable IdentityKey identity, @Nullable Tree tree) {
    this.kind = kind;
    this.identity = identity;
    this.tree = tree;
  }

  /** How the entry came to be. */
  public Kind kind() {
    return kind;
  }

  /**
   * The identity entered, for {@link Kind#IMPERSONATION} and {@link Kind#RUN_AS}; null for the
   * bottom kinds, whose identity is not known from the source.
   */
  public @Nullable IdentityKey identity() {
    return identity;
  }

  /**
   * Where the entry was made: the entering call for impersonations and {@code @RunsAs}, the call
   * that hands the body over for {@link Kind#OTHER_THREAD}, the method or lambda for the other
   * bottom kinds (null for a plain method entry; the lambda or class body for code that runs
   * later).
   */
  public @Nullable Tree tree() {
    return tree;
  }

  /** This entry, its identity taken as of before {@code variable} is declared again. */
  ContextEntry beforeRedeclaring(Symbol variable) {
    if (identity == null) {
      return this;
    }
    IdentityKey renamed = identity.beforeRedeclaring(variable);
    return renamed == identity ? this : new ContextEntry(kind, renamed, tree);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ContextEntry e
        && e.kind == kind
        && Objects.equals(e.identity, identity)
        && e.tree == tree;
  }

  @Override
  public int hashCode() {
    return Objects.hash(kind, identity, System.identityHashCode(tree));
  }

  @Override
  public String toString() {
    return kind + (identity == null ? "" : "(" + identity + ")") + "@" + Positions.start(tree);
  }
}
