package io.miguard.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a {@code boolean} method of an {@link OperationHandle} type that reports whether its
 * receiver's final result was retrieved ({@code moreResults} false seen), so that the operation may
 * be closed.
 *
 * <p>To the checks, the true edge of a test of this method drains the receiver on that path; the
 * false edge leaves it as it was. It combines with {@code &&}, {@code ||}, {@code !}, ternaries and
 * boolean locals like {@link MoreResults} does.
 *
 * <pre>{@code
 * @ReportsDrained
 * public boolean isDrained() { ... }
 *
 * if (!op.isDrained()) op.drainInstances();
 * op.close();
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface ReportsDrained {}
