package io.miguard.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method of an {@link ApplicationHandle} type that closes its receiver ({@code
 * MI_Application_Close}); the implicit close at the end of a try-with-resources is this method too.
 *
 * <p>To the checks ({@code MiCloseInCallback}), it must never run inside a callback on the
 * callback's own thread: native MI deadlocks.
 *
 * <pre>{@code
 * @ClosesApplication
 * @Override
 * public void close() { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface ClosesApplication {}
