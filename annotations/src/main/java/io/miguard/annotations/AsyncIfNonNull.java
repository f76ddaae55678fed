package io.miguard.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the callbacks parameter of a {@link StartsOperation} method whose mode is {@link
 * StartsOperation.Mode#DECIDED_BY_CALLBACKS}: a non-null argument makes the operation asynchronous,
 * {@code null} keeps it synchronous, exactly as MI decides.
 *
 * <pre>{@code
 * MiOperation query(String ns, String wql, @AsyncIfNonNull MiOperationCallbacks callbacks);
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface AsyncIfNonNull {}
