package io.miguard.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of an {@link OperationHandle} type that cancels its receiver ({@code
 * MI_Operation_Cancel}).
 *
 * <p>To the checks, a cancel does not drain: after it the caller must still retrieve the final
 * result before closing. Diagnostics mention the cancel so that the reader sees why the close is
 * reported.
 *
 * <pre>{@code
 * @CancelsOperation
 * public void cancel(CancellationReason reason) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface CancelsOperation {}
