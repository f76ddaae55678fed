package io.miguard.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a callbacks type ({@code MI_OperationCallbacks}) whose methods MI calls with the operation
 * they report on, in the security context that started it.
 *
 * <p>To the checks, inside a method that implements or overrides a method of such a type, the
 * {@link OperationHandle} parameter may be closed: MI documents closing an operation from its own
 * final callback, and the callback runs in the starting context.
 *
 * <pre>{@code
 * @OperationCallbacks
 * public interface MiOperationCallbacks { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface OperationCallbacks {}
