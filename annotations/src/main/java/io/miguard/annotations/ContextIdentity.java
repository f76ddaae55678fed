package io.miguard.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the parameter of an {@link EntersSecurityContext} or {@link RunsAs} method that gives the
 * identity to run as. It may be left out when the method has a single parameter.
 *
 * <p>To the checks, the argument expression names the context: two arguments that are the same
 * effectively-final variable (or the same constant expression) denote the same context.
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.PARAMETER)
public @interface ContextIdentity {}
