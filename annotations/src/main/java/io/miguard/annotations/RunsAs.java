package io.miguard.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that runs its lambda, method reference or functional-object argument on the
 * calling thread as the identity passed to its {@link ContextIdentity} parameter, and restores the
 * previous identity afterwards.
 *
 * <p>To the checks, the body of that argument is in the given identity's context: an operation
 * started outside it and closed inside (or the reverse) is closed in a different context, unless
 * the identities are the same.
 *
 * <pre>{@code
 * @RunsAs
 * public static <T> T runAs(@ContextIdentity Identity identity, Supplier<T> action) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface RunsAs {}
