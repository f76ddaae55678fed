package io.miguard.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method of a {@link SessionHandle} type that closes its receiver ({@code
 * MI_Session_Close}); the implicit close at the end of a try-with-resources is this method too.
 *
 * <p>To the checks, the session's operations must all be closed before it ({@code
 * MiOperationNotClosed}), and it must not run inside a callback on the callback's own thread
 * ({@code MiCloseInCallback}).
 *
 * <pre>{@code
 * @ClosesSession
 * @Override
 * public void close() { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface ClosesSession {}
