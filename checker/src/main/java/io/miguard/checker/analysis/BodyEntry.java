package io.miguard.checker.analysis;

import com.sun.source.tree.Tree;
import org.jspecify.annotations.Nullable;

/**
 * How a body is entered: on its own (a method, constructor or initializer), or as a nested body (a
 * lambda, a member of an anonymous or local class) created in an enclosing body, from whose store
 * at the creation point its entry state is derived.
 *
 * @param kind when and where the body runs
 * @param nested whether the body is a nested one, whose captured operations come from the enclosing
 *     body
 * @param context the security context on entry
 * @param handOff for a nested body passed to a method or constructor, that call; else null
 */
public record BodyEntry(Kind kind, boolean nested, ContextStack context, @Nullable Tree handOff) {
  /** When and where a body runs, relative to the code that creates it. */
  public enum Kind {
    /** A method, constructor or initializer, entered by its callers. */
    METHOD,
    /**
     * An {@code @OperationCallbacks} method: MI calls it, in the context that started the operation
     * it reports on.
     */
    CALLBACK,
    /**
     * A nested body on the creating thread, which may run now or later (a lambda stored or passed
     * on, a local class): captured operations may have changed by the time it runs.
     */
    SAME_THREAD,
    /**
     * A nested body passed to a {@code @RunsAs} method: it runs during that call, as the identity.
     */
    RUN_AS,
    /** A nested body handed to another thread. */
    OTHER_THREAD
  }

  /**
   * Whether the state of captured operations on entry is the state they have when the body runs:
   * true for a {@code @RunsAs} body, which runs during the call that receives it.
   */
  public boolean runsInline() {
    return kind == Kind.RUN_AS;
  }
}
