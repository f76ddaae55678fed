package io.miguard.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method that makes the calling thread run as another identity ({@code
 * ImpersonateLoggedOnUser}) and returns the scope that ends it.
 *
 * <p>To the checks, the thread's security context after the call is the identity passed to the
 * {@link ContextIdentity} parameter (the only parameter, if there is one), until the returned
 * scope's {@link LeavesSecurityContext} method runs, explicitly or at the end of a
 * try-with-resources. Two entries with the same effectively-final identity variable are the same
 * context.
 *
 * <pre>{@code
 * @EntersSecurityContext
 * public static Impersonation impersonate(@ContextIdentity Identity identity) { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface EntersSecurityContext {}
