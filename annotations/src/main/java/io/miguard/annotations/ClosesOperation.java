package io.miguard.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * On a method of an {@link OperationHandle} type: the call closes its receiver ({@code
 * MI_Operation_Close}); the implicit close at the end of a try-with-resources is this method too.
 * On a parameter: the method closes the operation passed there, in the caller's context.
 *
 * <p>To the checks, each such close is where both rules are checked: the operation must be drained
 * if synchronous, and the security context must be the one that started it.
 *
 * <pre>{@code
 * @ClosesOperation
 * @Override
 * public void close() { ... }
 *
 * static void closeQuietly(@ClosesOperation MiOperation op) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.PARAMETER})
public @interface ClosesOperation {}
