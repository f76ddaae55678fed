package io.miguard.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method or constructor that runs its lambda, method reference or functional-object
 * arguments on another thread (on a parameter: only that argument), where the caller's
 * impersonation does not follow.
 *
 * <p>To the checks, the code handed over starts in a fresh security context (the process identity):
 * closing there an operation started under an impersonation is a close in a different context,
 * unless that code re-enters the same identity around the close. The JDK's own thread-hopping APIs
 * ({@code Executor.execute}, {@code ExecutorService.submit}, {@code new Thread}, {@code
 * CompletableFuture.*Async}, ...) are known without it; use it for your own.
 *
 * <pre>{@code
 * @RunsOnAnotherThread
 * void inBackground(Runnable work) { pool.execute(work); }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target({ElementType.METHOD, ElementType.CONSTRUCTOR, ElementType.PARAMETER})
public @interface RunsOnAnotherThread {}
