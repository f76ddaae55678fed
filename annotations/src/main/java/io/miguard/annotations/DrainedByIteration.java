package io.miguard.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of an {@link OperationHandle} type that returns a lazy {@link Iterable} over the
 * receiver's results.
 *
 * <p>To the checks, a for-each loop over the returned iterable drains the receiver when the loop
 * ends by its own condition; leaving it by {@code break}, {@code return}, {@code throw} or a
 * labelled jump does not.
 *
 * <pre>{@code
 * for (MiInstance process : op.instances()) {  // drains op when the loop completes
 *   print(process);
 * }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface DrainedByIteration {}
