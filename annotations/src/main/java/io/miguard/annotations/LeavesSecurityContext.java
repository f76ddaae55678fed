package io.miguard.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the method of a scope returned by an {@link EntersSecurityContext} method that ends the
 * impersonation ({@code RevertToSelf}) and returns the thread to the identity it had before.
 *
 * <p>To the checks, the security context after the call is the one that was current when the scope
 * was entered. The implicit close of a try-with-resources resource is this method too.
 *
 * <pre>{@code
 * @LeavesSecurityContext
 * @Override
 * public void close() { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface LeavesSecurityContext {}
