package io.miguard.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks the {@code boolean} accessor of a result type that reports whether more results follow
 * ({@code moreResults}). On a record component it applies to the generated accessor.
 *
 * <p>To the checks, the false edge of a test of this accessor on a result returned by a {@link
 * RetrievesResult} method marks that operation drained: directly, negated, through {@code &&} and
 * {@code ||}, or through a boolean local that carries the value.
 *
 * <pre>{@code
 * public record InstanceResult(MiInstance instance, @MoreResults boolean moreResults, ...) {}
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface MoreResults {}
