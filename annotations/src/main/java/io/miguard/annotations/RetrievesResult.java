package io.miguard.annotations;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a method of an {@link OperationHandle} type that pulls the next result of its receiver
 * ({@code MI_Operation_GetInstance}, {@code GetIndication}, {@code GetClass}).
 *
 * <p>To the checks, the returned object is a result of the receiver: when its {@link MoreResults}
 * accessor is observed {@code false} on a path, the operation is drained on that path. For a
 * single-result operation one retrieval drains, unless the accessor was observed {@code true}. An
 * exception thrown by the retrieval itself leaves the operation drained, since MI reports failure
 * as the final result.
 *
 * <pre>{@code
 * @RetrievesResult
 * public InstanceResult getInstance() { ... }
 * }</pre>
 */
@Documented
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.METHOD)
public @interface RetrievesResult {}
