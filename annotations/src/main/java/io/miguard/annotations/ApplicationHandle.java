package io.miguard.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a type whose instances are MI applications ({@code MI_Application}), the root that opens
 * sessions.
 *
 * <pre>{@code
 * @ApplicationHandle
 * public final class MiApplication implements AutoCloseable { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface ApplicationHandle {}
