package io.miguard.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type whose instances are MI operation handles ({@code MI_Operation}).
 *
 * <p>To the checks, a method whose body never mentions a type carrying this annotation (or a
 * subtype of one) cannot misuse an operation, and is skipped without building its control-flow
 * graph. Values of the type are tracked through locals, aliases and reassignment.
 *
 * <pre>{@code
 * @OperationHandle
 * public final class MiOperation implements AutoCloseable { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface OperationHandle {}
