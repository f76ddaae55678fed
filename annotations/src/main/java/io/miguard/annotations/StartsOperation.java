package io.miguard.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that starts an operation and returns its fresh handle, which the caller owns.
 *
 * <p>To the checks, the returned value is a new operation in the security context of the call, with
 * the synchrony given by {@link #mode} and the result count given by {@link #results}. A wrapper in
 * users' code that starts an operation and returns it carries this annotation too, so that its
 * callers are checked; a method in the same compilation unit that returns a freshly started
 * operation is understood as a factory without it.
 *
 * <pre>{@code
 * @StartsOperation(mode = Mode.SYNCHRONOUS, results = Results.MULTIPLE)
 * public MiOperation enumerateInstances(String namespace, String className) { ... }
 *
 * @StartsOperation(mode = Mode.DECIDED_BY_CALLBACKS, results = Results.MULTIPLE)
 * public MiOperation enumerateInstances(
 *     String namespace, String className, @AsyncIfNonNull MiOperationCallbacks callbacks) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface StartsOperation {
  /** Whether the started operation is synchronous (results pulled) or asynchronous (pushed). */
  Mode mode() default Mode.SYNCHRONOUS;

  /** How many results the operation delivers before its final one. */
  Results results() default Results.MULTIPLE;

  /**
   * The name of the handle's no-argument {@link DrainsResults} method that drains this operation,
   * where the handle has several for different kinds of result (instances, classes). The drain
   * check's suggested fix calls it; when empty, the fix calls the handle's first such method, and
   * when the named method is not one of them, the check suggests no fix.
   *
   * <pre>{@code
   * @StartsOperation(mode = Mode.SYNCHRONOUS, results = Results.MULTIPLE, drainWith = "drainClasses")
   * public MiOperation enumerateClasses(String namespace, String className, boolean namesOnly)
   * }</pre>
   */
  String drainWith() default "";

  /** How the synchrony of a started operation is decided. */
  enum Mode {
    /** The caller pulls results with {@link RetrievesResult} methods and must drain them. */
    SYNCHRONOUS,
    /** Results arrive through callbacks; the drain rule does not apply. */
    ASYNCHRONOUS,
    /**
     * The parameter annotated {@link AsyncIfNonNull} decides: the literal {@code null} makes the
     * operation synchronous, a value known to be non-null makes it asynchronous, anything else
     * leaves the synchrony unknown (and the drain check silent).
     */
    DECIDED_BY_CALLBACKS
  }

  /** How many results an operation delivers. */
  enum Results {
    /**
     * Exactly one result, which is the final one (get, create, modify, delete, invoke, get class,
     * test connection): one retrieval drains, unless {@link MoreResults} was seen {@code true}.
     */
    SINGLE,
    /** Any number of results (enumerate, query, associators, ...): only a loop drains. */
    MULTIPLE
  }
}
