package io.miguard.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of a borrowed object's type (see {@link BorrowedResult}) that returns a copy the
 * caller owns ({@code MI_Instance_Clone}): the copy stays valid after the next retrieval and the
 * operation's close.
 *
 * <pre>{@code
 * @CopiesResult
 * public MiInstance cloneInstance() { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface CopiesResult {}
