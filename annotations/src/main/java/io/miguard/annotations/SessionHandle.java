package io.miguard.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type whose instances are MI sessions ({@code MI_Session}): the {@link StartsOperation}
 * methods of such a type start operations that belong to the receiver session.
 *
 * <p>To the checks ({@code MiOperationNotClosed}), closing a session (its {@link ClosesSession}
 * method, explicitly or at the end of a try-with-resources) while an operation started on it is
 * still open is a hang: native MI waits for every operation of the session to be closed.
 *
 * <pre>{@code
 * @SessionHandle
 * public final class MiSession implements AutoCloseable { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface SessionHandle {}
